namespace KmsPowerShell.Engine.Admin;

/// <summary>The operations a KMS grant can allow.</summary>
public static class GrantOperations
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
        "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey",
        "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret",
        "Encapsulate", "Decapsulate",
    ];
}
