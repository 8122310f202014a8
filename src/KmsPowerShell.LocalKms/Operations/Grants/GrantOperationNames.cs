using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Grants;

/// <summary>The operations a grant can allow, and which of them make sense for each kind of key.</summary>
internal static class GrantOperationNames
{
    public static readonly string[] All =
    [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "Sign",
        "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret",
        "Encapsulate", "Decapsulate",
    ];

    private static readonly string[] Common = ["CreateGrant", "RetireGrant", "DescribeKey"];

    public static IReadOnlyCollection<string> AllowedFor(StoredKey key) => (KeySpecCatalog.Of(key).Family, key.KeyUsage) switch
    {
        (KmsKeyFamily.Symmetric, _) =>
        [
            .. Common, "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
            "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        ],
        (KmsKeyFamily.Hmac, _) => [.. Common, "GenerateMac", "VerifyMac"],
        (_, KmsKeyUsages.EncryptDecrypt) => [.. Common, "Decrypt", "Encrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey"],
        (_, KmsKeyUsages.KeyAgreement) => [.. Common, "DeriveSharedSecret", "GetPublicKey"],
        (_, KmsKeyUsages.EncapsulateDecapsulate) => [.. Common, "Encapsulate", "Decapsulate", "GetPublicKey"],
        _ => [.. Common, "Sign", "Verify", "GetPublicKey"],
    };
}
