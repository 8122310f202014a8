namespace KmsPowerShell;

/// <summary>The stable problem names a <see cref="KmsMessageException"/> carries.</summary>
public static class KmsMessageProblem
{
    /// <summary>The bytes are not an AWS Encryption SDK message: bad field, truncated, trailing bytes.</summary>
    public const string MessageMalformed = "MessageMalformed";

    /// <summary>The header or a frame failed authentication: the bytes were changed, or the data key is not the one used.</summary>
    public const string MessageTampered = "MessageTampered";

    /// <summary>The message signature does not verify.</summary>
    public const string SignatureInvalid = "SignatureInvalid";

    /// <summary>The data key does not match the key commitment in the header.</summary>
    public const string CommitmentMismatch = "CommitmentMismatch";

    /// <summary>The algorithm suite is not allowed by the commitment policy.</summary>
    public const string CommitmentPolicyViolation = "CommitmentPolicyViolation";

    /// <summary>More encrypted data keys than the limit the caller set.</summary>
    public const string TooManyEncryptedDataKeys = "TooManyEncryptedDataKeys";

    /// <summary>A required encryption context pair is missing from the message or has another value.</summary>
    public const string EncryptionContextMismatch = "EncryptionContextMismatch";

    /// <summary>The caller's encryption context cannot be used: a reserved aws-crypto- key, or too long to serialize.</summary>
    public const string EncryptionContextInvalid = "EncryptionContextInvalid";

    /// <summary>No encrypted data key in the message is one the keyring may try.</summary>
    public const string NoDecryptableKey = "NoDecryptableKey";

    /// <summary>The message is larger than this implementation can process (too many frames, or a huge non-framed body).</summary>
    public const string MessageTooLarge = "MessageTooLarge";
}
