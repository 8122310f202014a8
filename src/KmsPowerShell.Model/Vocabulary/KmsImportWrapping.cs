namespace KmsPowerShell.Vocabulary;

/// <summary>The wrapping algorithms and wrapping key specs of GetParametersForImport, in the API's order.</summary>
public static class KmsImportWrapping
{
    /// <summary>RSAES-PKCS1-v1_5 of the material itself.</summary>
    public const string RsaesPkcs1V15 = "RSAES_PKCS1_V1_5";
    /// <summary>RSAES-OAEP with SHA-1 of the material itself.</summary>
    public const string RsaesOaepSha1 = "RSAES_OAEP_SHA_1";
    /// <summary>RSAES-OAEP with SHA-256 of the material itself.</summary>
    public const string RsaesOaepSha256 = "RSAES_OAEP_SHA_256";
    /// <summary>RSAES-OAEP (SHA-1) of a fresh AES-256 key, then the material under AES Key Wrap with Padding.</summary>
    public const string RsaAesKeyWrapSha1 = "RSA_AES_KEY_WRAP_SHA_1";
    /// <summary>RSAES-OAEP (SHA-256) of a fresh AES-256 key, then the material under AES Key Wrap with Padding.</summary>
    public const string RsaAesKeyWrapSha256 = "RSA_AES_KEY_WRAP_SHA_256";
    /// <summary>SM2 public-key encryption with an SM2 wrapping key (China Regions only).</summary>
    public const string Sm2Pke = "SM2PKE";

    /// <summary>
    /// The wrapping algorithm asked for unless told: RSA_AES_KEY_WRAP_SHA_256 for RSA and ECC private keys (the only
    /// kind KMS takes for RSA keys), RSAES_OAEP_SHA_256 for symmetric and HMAC keys (KMS takes no RSA_AES_KEY_WRAP there).
    /// In the China Regions, which have no RSA_AES_KEY_WRAP, private keys are wrapped with SM2PKE, as AWS requires there.
    /// </summary>
    public static string DefaultAlgorithmFor(string keySpec, string? region = null) =>
        KmsKeySpec.Find(keySpec)?.Family is KmsKeyFamily.Symmetric or KmsKeyFamily.Hmac ? RsaesOaepSha256 :
        region is not null && KmsPartition.IsChina(region) ? Sm2Pke : RsaAesKeyWrapSha256;
    /// <summary>The wrapping key spec asked for unless told.</summary>
    public const string DefaultKeySpec = "RSA_4096";

    /// <summary>The SM2 wrapping key spec, the only one SM2PKE wraps with (China Regions only).</summary>
    public const string Sm2KeySpec = "SM2";

    /// <summary>The wrapping key spec asked for unless told: SM2 for SM2PKE, which wraps with nothing else, otherwise <see cref="DefaultKeySpec"/>.</summary>
    public static string DefaultKeySpecFor(string algorithm) => algorithm == Sm2Pke ? Sm2KeySpec : DefaultKeySpec;

    /// <summary>AlgorithmSpec of GetParametersForImport.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = [RsaesPkcs1V15, RsaesOaepSha1, RsaesOaepSha256, RsaAesKeyWrapSha1, RsaAesKeyWrapSha256, Sm2Pke];

    /// <summary>WrappingKeySpec of GetParametersForImport.</summary>
    public static IReadOnlyList<string> KeySpecs { get; } = ["RSA_2048", "RSA_3072", "RSA_4096", Sm2KeySpec];

    /// <summary>ExpirationModelType of ImportKeyMaterial.</summary>
    public static IReadOnlyList<string> ExpirationModels { get; } = ["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"];

    /// <summary>ImportType of ImportKeyMaterial.</summary>
    public static IReadOnlyList<string> ImportTypes { get; } = ["NEW_KEY_MATERIAL", "EXISTING_KEY_MATERIAL"];

    /// <summary>OriginType of CreateKey.</summary>
    public static IReadOnlyList<string> Origins { get; } = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"];
}
