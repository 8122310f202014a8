namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>KmsKey and KmsPublicKey records as Get-KmsKey and Get-KmsPublicKey return them, for tests.</summary>
internal static class Keys
{
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string Arn = "arn:aws:kms:us-east-1:111122223333:key/" + KeyId;

    public static KmsKey Key(string keySpec, string keyUsage, string[]? encryption = null, string[]? signing = null,
        string[]? mac = null, string[]? aliases = null) =>
        new(KeyId, Arn, "us-east-1")
        {
            KeySpec = keySpec,
            KeyUsage = keyUsage,
            EncryptionAlgorithms = encryption ?? [],
            SigningAlgorithms = signing ?? [],
            MacAlgorithms = mac ?? [],
            Aliases = aliases ?? [],
        };

    public static KmsAlias Alias(string name, string? targetKeyId = KeyId) =>
        new(name, $"arn:aws:kms:us-east-1:111122223333:{name}", targetKeyId, "us-east-1");
}
