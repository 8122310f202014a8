namespace KmsPowerShell.Vocabulary;

/// <summary>
/// A KeySpec of the KMS API: its family and size, the usages a key of it may have, and the algorithms each usage
/// offers. The module handles every one: New-KmsKey offers it and the local KMS makes it.
/// </summary>
/// <param name="Name">The KeySpec value, as the API spells it.</param>
/// <param name="Family">What kind of key material it is.</param>
/// <param name="Usages">The key usages a key of this spec may have.</param>
/// <param name="Bits">The key size: AES and HMAC secret, RSA modulus or ECC field; 0 where no one size applies (ML-DSA, ML-KEM).</param>
public sealed record KmsKeySpec(string Name, KmsKeyFamily Family, int Bits, IReadOnlyList<string> Usages)
{
    /// <summary>The default key spec: a symmetric encryption key.</summary>
    public const string SymmetricDefault = "SYMMETRIC_DEFAULT";

    private static readonly string[] RsaUsages = [KmsKeyUsages.EncryptDecrypt, KmsKeyUsages.SignVerify];
    private static readonly string[] NistEccUsages = [KmsKeyUsages.SignVerify, KmsKeyUsages.KeyAgreement];
    private static readonly string[] Sm2Usages = [KmsKeyUsages.EncryptDecrypt, KmsKeyUsages.SignVerify, KmsKeyUsages.KeyAgreement];

    /// <summary>Every KeySpec value the API accepts, in the API's order (the enum a ValidationException lists).</summary>
    public static IReadOnlyList<KmsKeySpec> All { get; } =
    [
        new("RSA_2048", KmsKeyFamily.Rsa, 2048, RsaUsages),
        new("RSA_3072", KmsKeyFamily.Rsa, 3072, RsaUsages),
        new("RSA_4096", KmsKeyFamily.Rsa, 4096, RsaUsages),
        new("ECC_NIST_P256", KmsKeyFamily.Ecc, 256, NistEccUsages),
        new("ECC_NIST_P384", KmsKeyFamily.Ecc, 384, NistEccUsages),
        new("ECC_NIST_P521", KmsKeyFamily.Ecc, 521, NistEccUsages),
        new("ECC_SECG_P256K1", KmsKeyFamily.Ecc, 256, [KmsKeyUsages.SignVerify]),
        new(SymmetricDefault, KmsKeyFamily.Symmetric, 256, [KmsKeyUsages.EncryptDecrypt]),
        new("HMAC_224", KmsKeyFamily.Hmac, 224, [KmsKeyUsages.GenerateVerifyMac]),
        new("HMAC_256", KmsKeyFamily.Hmac, 256, [KmsKeyUsages.GenerateVerifyMac]),
        new("HMAC_384", KmsKeyFamily.Hmac, 384, [KmsKeyUsages.GenerateVerifyMac]),
        new("HMAC_512", KmsKeyFamily.Hmac, 512, [KmsKeyUsages.GenerateVerifyMac]),
        new("SM2", KmsKeyFamily.Sm2, 256, Sm2Usages),
        new("ML_DSA_44", KmsKeyFamily.MlDsa, 0, [KmsKeyUsages.SignVerify]),
        new("ML_DSA_65", KmsKeyFamily.MlDsa, 0, [KmsKeyUsages.SignVerify]),
        new("ML_DSA_87", KmsKeyFamily.MlDsa, 0, [KmsKeyUsages.SignVerify]),
        new("ECC_NIST_EDWARDS25519", KmsKeyFamily.Ed25519, 256, [KmsKeyUsages.SignVerify]),
        new("ML_KEM_512", KmsKeyFamily.MlKem, 0, [KmsKeyUsages.EncapsulateDecapsulate]),
        new("ML_KEM_768", KmsKeyFamily.MlKem, 0, [KmsKeyUsages.EncapsulateDecapsulate]),
        new("ML_KEM_1024", KmsKeyFamily.MlKem, 0, [KmsKeyUsages.EncapsulateDecapsulate]),
    ];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(spec => spec.Name).ToArray();

    /// <summary>Every spec, the default (SYMMETRIC_DEFAULT) first: what New-KmsKey offers and the local KMS makes.</summary>
    public static IReadOnlyList<KmsKeySpec> Supported { get; } = All.OrderBy(spec => spec.Name != SymmetricDefault).ToArray();

    private static readonly Dictionary<string, KmsKeySpec> ByName = All.ToDictionary(spec => spec.Name, StringComparer.Ordinal);

    /// <summary>The spec named exactly <paramref name="name"/>; null for a name the API does not know.</summary>
    public static KmsKeySpec? Find(string name) => ByName.GetValueOrDefault(name);

    private static readonly string[] RsaEncryption = [KmsAlgorithms.RsaesOaepSha1, KmsAlgorithms.RsaesOaepSha256];
    private static readonly string[] RsaSigning = KmsAlgorithms.Signing.Where(name => name.StartsWith("RSASSA_", StringComparison.Ordinal)).ToArray();

    /// <summary>The EncryptionAlgorithms of a key of this spec with <paramref name="usage"/>; empty for other usages.</summary>
    public IReadOnlyList<string> EncryptionAlgorithms(string usage) => usage != KmsKeyUsages.EncryptDecrypt ? [] : Family switch
    {
        KmsKeyFamily.Symmetric => [KmsAlgorithms.SymmetricDefault],
        KmsKeyFamily.Rsa => RsaEncryption,
        KmsKeyFamily.Sm2 => [KmsAlgorithms.Sm2Pke],
        _ => [],
    };

    /// <summary>The SigningAlgorithms of a key of this spec with <paramref name="usage"/>.</summary>
    public IReadOnlyList<string> SigningAlgorithms(string usage) => usage != KmsKeyUsages.SignVerify ? [] : Family switch
    {
        KmsKeyFamily.Rsa => RsaSigning,
        KmsKeyFamily.Ecc => [Bits switch { 384 => "ECDSA_SHA_384", 521 => "ECDSA_SHA_512", _ => "ECDSA_SHA_256" }],
        KmsKeyFamily.Ed25519 => ["ED25519_SHA_512", "ED25519_PH_SHA_512"],
        KmsKeyFamily.Sm2 => ["SM2DSA"],
        KmsKeyFamily.MlDsa => ["ML_DSA_SHAKE_256"],
        _ => [],
    };

    /// <summary>The MacAlgorithms of a key of this spec with <paramref name="usage"/>.</summary>
    public IReadOnlyList<string> MacAlgorithms(string usage) =>
        usage == KmsKeyUsages.GenerateVerifyMac && Family == KmsKeyFamily.Hmac ? [$"HMAC_SHA_{Bits}"] : [];

    /// <summary>The KeyAgreementAlgorithms of a key of this spec with <paramref name="usage"/>.</summary>
    public IReadOnlyList<string> KeyAgreementAlgorithms(string usage) =>
        usage == KmsKeyUsages.KeyAgreement && Usages.Contains(usage) ? KmsAlgorithms.KeyAgreement : [];

    /// <summary>The EncapsulationAlgorithms of a key of this spec with <paramref name="usage"/>.</summary>
    public IReadOnlyList<string> EncapsulationAlgorithms(string usage) =>
        usage == KmsKeyUsages.EncapsulateDecapsulate && Family == KmsKeyFamily.MlKem ? KmsAlgorithms.Encapsulation : [];

    /// <summary>The algorithms a key of this spec with <paramref name="usage"/> offers, whatever their family.</summary>
    public IReadOnlyList<string> AlgorithmsFor(string usage) =>
    [
        .. EncryptionAlgorithms(usage), .. SigningAlgorithms(usage), .. MacAlgorithms(usage),
        .. KeyAgreementAlgorithms(usage), .. EncapsulationAlgorithms(usage),
    ];
}
