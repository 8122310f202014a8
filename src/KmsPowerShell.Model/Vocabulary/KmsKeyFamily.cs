namespace KmsPowerShell.Vocabulary;

/// <summary>What kind of key material a key spec names; the family decides the algorithms each usage offers.</summary>
public enum KmsKeyFamily
{
    /// <summary>SYMMETRIC_DEFAULT: an AES-256 key.</summary>
    Symmetric,
    /// <summary>HMAC_224 to HMAC_512: an HMAC secret.</summary>
    Hmac,
    /// <summary>RSA_2048 to RSA_4096.</summary>
    Rsa,
    /// <summary>ECDSA curves: the NIST P curves and secp256k1.</summary>
    Ecc,
    /// <summary>ECC_NIST_EDWARDS25519.</summary>
    Ed25519,
    /// <summary>SM2 (China Regions only).</summary>
    Sm2,
    /// <summary>ML_DSA_44, _65 and _87.</summary>
    MlDsa,
    /// <summary>ML_KEM_512, _768 and _1024.</summary>
    MlKem,
}
