namespace KmsPowerShell.Engine.Messages.Caching;

/// <summary>
/// When a cached data key must no longer encrypt, as the Encryption SDK's caching CMM has them: an age (required), a
/// number of messages (default 2^32) and a number of plaintext bytes (default 2^63-1). A key is used only while every
/// limit holds after the message about to be written is counted.
/// </summary>
public sealed record DataKeyCacheLimits
{
    public const long DefaultMaxMessages = 1L << 32;

    public DataKeyCacheLimits(TimeSpan maxAge, long maxMessages = DefaultMaxMessages, long maxBytes = long.MaxValue)
    {
        if (maxAge <= TimeSpan.Zero) throw new KmsArgumentException("DataKeyCacheMaxAgeInvalid", $"The data key cache's maximum age must be more than zero, not {maxAge}.");
        if (maxMessages is < 1 or > DefaultMaxMessages)
        {
            throw new KmsArgumentException("DataKeyCacheMaxMessagesInvalid", $"The data key cache's message limit must be from 1 to 2^32, not {maxMessages}.");
        }
        if (maxBytes < 0) throw new KmsArgumentException("DataKeyCacheMaxBytesInvalid", $"The data key cache's byte limit must not be negative, not {maxBytes}.");
        MaxAge = maxAge;
        MaxMessages = maxMessages;
        MaxBytes = maxBytes;
    }

    /// <summary>How long after KMS made it a data key may encrypt.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>How many messages one data key may encrypt.</summary>
    public long MaxMessages { get; }

    /// <summary>How many plaintext bytes one data key may encrypt, over all its messages.</summary>
    public long MaxBytes { get; }
}
