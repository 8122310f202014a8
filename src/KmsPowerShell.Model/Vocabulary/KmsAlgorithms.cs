namespace KmsPowerShell.Vocabulary;

/// <summary>The algorithm names of the KMS API, one list per family, each in the API's order.</summary>
public static class KmsAlgorithms
{
    /// <summary>AES-256-GCM under a symmetric encryption key.</summary>
    public const string SymmetricDefault = "SYMMETRIC_DEFAULT";
    /// <summary>RSAES-OAEP with SHA-1.</summary>
    public const string RsaesOaepSha1 = "RSAES_OAEP_SHA_1";
    /// <summary>RSAES-OAEP with SHA-256.</summary>
    public const string RsaesOaepSha256 = "RSAES_OAEP_SHA_256";
    /// <summary>SM2 public-key encryption (China Regions only).</summary>
    public const string Sm2Pke = "SM2PKE";
    /// <summary>Elliptic-curve Diffie-Hellman, the key agreement algorithm.</summary>
    public const string Ecdh = "ECDH";
    /// <summary>The key encapsulation mechanism of ML-KEM keys.</summary>
    public const string MlKem = "ML_KEM";

    /// <summary>EncryptionAlgorithmSpec: Encrypt, Decrypt and ReEncrypt.</summary>
    public static IReadOnlyList<string> Encryption { get; } = [SymmetricDefault, RsaesOaepSha1, RsaesOaepSha256, Sm2Pke];

    /// <summary>SigningAlgorithmSpec: Sign and Verify. <see cref="SigningAlgorithm"/> says how to hash those computed here.</summary>
    public static IReadOnlyList<string> Signing { get; } =
    [
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512", "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384",
        "RSASSA_PKCS1_V1_5_SHA_512", "ECDSA_SHA_256", "ECDSA_SHA_384", "ECDSA_SHA_512", "SM2DSA", "ML_DSA_SHAKE_256",
        "ED25519_SHA_512", "ED25519_PH_SHA_512",
    ];

    /// <summary>MacAlgorithmSpec: GenerateMac and VerifyMac.</summary>
    public static IReadOnlyList<string> Mac { get; } = ["HMAC_SHA_224", "HMAC_SHA_256", "HMAC_SHA_384", "HMAC_SHA_512"];

    /// <summary>KeyAgreementAlgorithmSpec: DeriveSharedSecret.</summary>
    public static IReadOnlyList<string> KeyAgreement { get; } = [Ecdh];

    /// <summary>EncapsulationAlgorithmSpec: the KEM of ML-KEM keys.</summary>
    public static IReadOnlyList<string> Encapsulation { get; } = [MlKem];
}
