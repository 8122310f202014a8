namespace KmsPowerShell.LocalKms.State;

/// <summary>The key specs of the KMS API, and which of them the local KMS can make.</summary>
internal static class KeySpecCatalog
{
    public const string SymmetricDefault = "SYMMETRIC_DEFAULT";

    /// <summary>Every KeySpec value the API accepts (the enum a ValidationException lists).</summary>
    public static readonly string[] AllSpecs =
    [
        "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
        "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87",
    ];

    private static readonly string[] AsymmetricRsa = [KeyUsages.EncryptDecrypt, KeyUsages.SignVerify];
    private static readonly string[] NistEcc = [KeyUsages.SignVerify, KeyUsages.KeyAgreement];

    private static readonly Dictionary<string, KeySpecInfo> Supported = new KeySpecInfo[]
    {
        new(SymmetricDefault, KeyFamily.Symmetric, 256, [KeyUsages.EncryptDecrypt]),
        new("RSA_2048", KeyFamily.Rsa, 2048, AsymmetricRsa),
        new("RSA_3072", KeyFamily.Rsa, 3072, AsymmetricRsa),
        new("RSA_4096", KeyFamily.Rsa, 4096, AsymmetricRsa),
        new("ECC_NIST_P256", KeyFamily.Ecc, 256, NistEcc, "nistP256"),
        new("ECC_NIST_P384", KeyFamily.Ecc, 384, NistEcc, "nistP384"),
        new("ECC_NIST_P521", KeyFamily.Ecc, 521, NistEcc, "nistP521"),
        new("ECC_SECG_P256K1", KeyFamily.Ecc, 256, [KeyUsages.SignVerify], "secP256k1"),
        new("HMAC_224", KeyFamily.Hmac, 224, [KeyUsages.GenerateVerifyMac]),
        new("HMAC_256", KeyFamily.Hmac, 256, [KeyUsages.GenerateVerifyMac]),
        new("HMAC_384", KeyFamily.Hmac, 384, [KeyUsages.GenerateVerifyMac]),
        new("HMAC_512", KeyFamily.Hmac, 512, [KeyUsages.GenerateVerifyMac]),
    }.ToDictionary(s => s.Spec, StringComparer.Ordinal);

    public static KeySpecInfo? Find(string spec) => Supported.GetValueOrDefault(spec);

    public static KeySpecInfo Of(StoredKey key) => Supported[key.KeySpec];
}
