namespace KmsPowerShell.LocalKms.State;

/// <summary>What a key spec is: its material, the usages it allows and the algorithms each usage offers.</summary>
internal sealed record KeySpecInfo(string Spec, KeyFamily Family, int Bits, IReadOnlyList<string> Usages, string? CurveName = null)
{
    private static readonly string[] RsaEncryption = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"];
    private static readonly string[] RsaSigning =
    [
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
        "RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
    ];

    public IReadOnlyList<string> EncryptionAlgorithms(string usage) => usage != KeyUsages.EncryptDecrypt ? [] :
        Family == KeyFamily.Symmetric ? ["SYMMETRIC_DEFAULT"] : RsaEncryption;

    public IReadOnlyList<string> SigningAlgorithms(string usage) => usage != KeyUsages.SignVerify ? [] : Family switch
    {
        KeyFamily.Rsa => RsaSigning,
        KeyFamily.Ecc => [Bits switch { 384 => "ECDSA_SHA_384", 521 => "ECDSA_SHA_512", _ => "ECDSA_SHA_256" }],
        _ => [],
    };

    public IReadOnlyList<string> MacAlgorithms(string usage) => usage != KeyUsages.GenerateVerifyMac ? [] : [$"HMAC_SHA_{Bits}"];

    public IReadOnlyList<string> KeyAgreementAlgorithms(string usage) => usage != KeyUsages.KeyAgreement ? [] : ["ECDH"];
}
