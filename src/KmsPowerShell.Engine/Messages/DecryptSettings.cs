namespace KmsPowerShell.Engine.Messages;

/// <summary>What a message must satisfy to be decrypted.</summary>
internal sealed record DecryptSettings(
    KmsCommitmentPolicy CommitmentPolicy = KmsCommitmentPolicy.RequireEncryptRequireDecrypt,
    int? MaxEncryptedDataKeys = KmsDecryptOptions.DefaultMaxEncryptedDataKeys,
    IReadOnlyDictionary<string, string>? RequiredEncryptionContext = null);
