namespace KmsPowerShell;

/// <summary>The AWS Encryption SDK algorithm suites; each value is the suite id written in the message header.</summary>
public enum KmsAlgorithmSuite
{
    /// <summary>0x0014: AES-128-GCM, no key derivation (legacy, read only).</summary>
    Aes128GcmNoKdf = 0x0014,

    /// <summary>0x0046: AES-192-GCM, no key derivation (legacy, read only).</summary>
    Aes192GcmNoKdf = 0x0046,

    /// <summary>0x0078: AES-256-GCM, no key derivation (legacy, read only).</summary>
    Aes256GcmNoKdf = 0x0078,

    /// <summary>0x0114: AES-128-GCM, HKDF-SHA256.</summary>
    Aes128GcmHkdfSha256 = 0x0114,

    /// <summary>0x0146: AES-192-GCM, HKDF-SHA256.</summary>
    Aes192GcmHkdfSha256 = 0x0146,

    /// <summary>0x0178: AES-256-GCM, HKDF-SHA256.</summary>
    Aes256GcmHkdfSha256 = 0x0178,

    /// <summary>0x0214: AES-128-GCM, HKDF-SHA256, ECDSA P-256 signature.</summary>
    Aes128GcmHkdfSha256EcdsaP256 = 0x0214,

    /// <summary>0x0346: AES-192-GCM, HKDF-SHA384, ECDSA P-384 signature.</summary>
    Aes192GcmHkdfSha384EcdsaP384 = 0x0346,

    /// <summary>0x0378: AES-256-GCM, HKDF-SHA384, ECDSA P-384 signature (the default before key commitment).</summary>
    Aes256GcmHkdfSha384EcdsaP384 = 0x0378,

    /// <summary>0x0478: AES-256-GCM, HKDF-SHA512 with key commitment, unsigned.</summary>
    Aes256GcmHkdfSha512CommitKey = 0x0478,

    /// <summary>0x0578: AES-256-GCM, HKDF-SHA512 with key commitment, ECDSA P-384 signature (the default).</summary>
    Aes256GcmHkdfSha512CommitKeyEcdsaP384 = 0x0578,
}
