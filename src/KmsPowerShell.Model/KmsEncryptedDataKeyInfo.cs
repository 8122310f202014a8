namespace KmsPowerShell;

/// <summary>One encrypted data key of a message: its provider ("aws-kms") and provider information (the key ARN).</summary>
public sealed record KmsEncryptedDataKeyInfo(string ProviderId, string ProviderInfo);
