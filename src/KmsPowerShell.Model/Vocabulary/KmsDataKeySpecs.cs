namespace KmsPowerShell.Vocabulary;

/// <summary>The key specs of data keys and data key pairs, which KMS generates and returns rather than keeps.</summary>
public static class KmsDataKeySpecs
{
    /// <summary>A 256-bit data key.</summary>
    public const string Aes256 = "AES_256";
    /// <summary>A 128-bit data key.</summary>
    public const string Aes128 = "AES_128";

    /// <summary>DataKeySpec: GenerateDataKey; AES_256, the default, first.</summary>
    public static IReadOnlyList<string> Symmetric { get; } = [Aes256, Aes128];

    /// <summary>DataKeyPairSpec: GenerateDataKeyPair, in the API's order.</summary>
    public static IReadOnlyList<string> Pair { get; } =
    [
        "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2",
        "ECC_NIST_EDWARDS25519", "ML_KEM_512", "ML_KEM_768", "ML_KEM_1024",
    ];
}
