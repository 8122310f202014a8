namespace KmsPowerShell;

/// <summary>How the SDK retries calls that failed for a reason worth retrying (throttling, 5xx, network).</summary>
public enum KmsRetryMode
{
    /// <summary>Exponential backoff with jitter, up to MaxAttempts tries.</summary>
    Standard,

    /// <summary>Standard, plus client-side rate limiting that slows down when KMS throttles.</summary>
    Adaptive,
}
