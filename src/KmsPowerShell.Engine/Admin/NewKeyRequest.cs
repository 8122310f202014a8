namespace KmsPowerShell.Engine.Admin;

/// <summary>What New-KmsKey asks CreateKey for.</summary>
public sealed record NewKeyRequest(
    string KeySpec,
    string KeyUsage,
    string? Description,
    IReadOnlyDictionary<string, string> Tags,
    string? Policy,
    bool MultiRegion,
    bool BypassPolicyLockoutSafetyCheck,
    string Origin = "AWS_KMS",
    string? CustomKeyStoreId = null,
    string? XksKeyId = null);
