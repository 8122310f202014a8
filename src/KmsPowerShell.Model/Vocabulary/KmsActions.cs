namespace KmsPowerShell.Vocabulary;

/// <summary>
/// The IAM actions of AWS KMS (kms:Decrypt...): those authorized on a KMS key, which a key policy can allow, and those
/// on no key (kms:CreateKey, kms:ListKeys...), which only identity policies decide.
/// </summary>
public static class KmsActions
{
    /// <summary>The service prefix of every KMS action.</summary>
    public const string Prefix = "kms:";

    /// <summary>The actions whose resource is a KMS key, in alphabetical order.</summary>
    public static IReadOnlyList<string> OnKeys { get; } = Prefixed(
        "CancelKeyDeletion", "CreateAlias", "CreateGrant", "Decapsulate", "Decrypt", "DeleteAlias", "DeleteImportedKeyMaterial",
        "DeriveSharedSecret", "DescribeKey", "DisableKey", "DisableKeyRotation", "EnableKey", "EnableKeyRotation",
        "Encapsulate", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "GenerateDataKeyWithoutPlaintext", "GenerateMac", "GetKeyLastUsage", "GetKeyPolicy", "GetKeyRotationStatus",
        "GetParametersForImport", "GetPublicKey", "ImportKeyMaterial", "ListGrants", "ListKeyPolicies",
        "ListKeyRotations", "ListResourceTags", "PutKeyPolicy", "ReEncryptFrom", "ReEncryptTo", "ReplicateKey",
        "RetireGrant", "RevokeGrant", "RotateKeyOnDemand", "ScheduleKeyDeletion", "Sign", "SynchronizeMultiRegionKey",
        "TagResource", "UntagResource", "UpdateAlias", "UpdateKeyDescription", "UpdatePrimaryRegion", "Verify",
        "VerifyMac");

    /// <summary>The actions on no key: identity policies alone decide them.</summary>
    public static IReadOnlyList<string> OnNoKey { get; } = Prefixed(
        "ConnectCustomKeyStore", "CreateCustomKeyStore", "CreateKey", "DeleteCustomKeyStore", "DescribeCustomKeyStores",
        "DisconnectCustomKeyStore", "GenerateRandom", "ListAliases", "ListKeys", "ListRetirableGrants",
        "UpdateCustomKeyStore");

    /// <summary>Every KMS action, alphabetical.</summary>
    public static IReadOnlyList<string> All { get; } = [.. OnKeys.Concat(OnNoKey).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The action as IAM names it (kms:Decrypt) from "Decrypt", "kms:decrypt" or "KMS:Decrypt"; null for a name that
    /// is no KMS action.
    /// </summary>
    public static string? Normalize(string name)
    {
        var bare = name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? name[Prefix.Length..] : name;
        return All.FirstOrDefault(a => string.Equals(a[Prefix.Length..], bare, StringComparison.OrdinalIgnoreCase));
    }

    private static string[] Prefixed(params string[] names) => [.. names.Select(n => Prefix + n)];
}
