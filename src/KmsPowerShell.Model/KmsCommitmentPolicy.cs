namespace KmsPowerShell;

/// <summary>Which algorithm suites may be written and read, by whether they commit to their data key.</summary>
public enum KmsCommitmentPolicy
{
    /// <summary>Write committing suites only; read committing suites only (the default).</summary>
    RequireEncryptRequireDecrypt,

    /// <summary>Write committing suites only; also read older messages written without key commitment.</summary>
    RequireEncryptAllowDecrypt,

    /// <summary>Write version 1 messages without key commitment (for readers older than 2.0); read anything.</summary>
    ForbidEncryptAllowDecrypt,
}
