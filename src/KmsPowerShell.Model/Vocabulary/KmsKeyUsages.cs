namespace KmsPowerShell.Vocabulary;

/// <summary>The KeyUsage values of the KMS API: what a KMS key may be used for (each key has one).</summary>
public static class KmsKeyUsages
{
    /// <summary>Sign and Verify.</summary>
    public const string SignVerify = "SIGN_VERIFY";
    /// <summary>Encrypt, Decrypt, ReEncrypt (and, for symmetric keys, data keys); the default.</summary>
    public const string EncryptDecrypt = "ENCRYPT_DECRYPT";
    /// <summary>GenerateMac and VerifyMac.</summary>
    public const string GenerateVerifyMac = "GENERATE_VERIFY_MAC";
    /// <summary>DeriveSharedSecret.</summary>
    public const string KeyAgreement = "KEY_AGREEMENT";
    /// <summary>Encapsulate and Decapsulate (ML-KEM keys).</summary>
    public const string EncapsulateDecapsulate = "ENCAPSULATE_DECAPSULATE";

    /// <summary>Every KeyUsage value the API accepts, in the API's order (the enum a ValidationException lists).</summary>
    public static IReadOnlyList<string> All { get; } = [SignVerify, EncryptDecrypt, GenerateVerifyMac, KeyAgreement, EncapsulateDecapsulate];

    /// <summary>The usages of the key specs the module supports, the default (ENCRYPT_DECRYPT) first: what New-KmsKey offers.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        EncryptDecrypt,
        .. All.Where(usage => usage != EncryptDecrypt && KmsKeySpec.Supported.Any(spec => spec.Usages.Contains(usage))),
    ];
}
