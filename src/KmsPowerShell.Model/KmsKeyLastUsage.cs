namespace KmsPowerShell;

/// <summary>
/// The last successful cryptographic operation with a key (Encrypt, Decrypt, GenerateDataKey, Sign, GenerateMac ...)
/// since KMS began tracking it. A key not used since <see cref="TrackingStartDate"/> has no <see cref="Operation"/>
/// and no <see cref="LastUsedDate"/>.
/// </summary>
public sealed class KmsKeyLastUsage : KmsKeyRecord
{
    internal KmsKeyLastUsage(string keyArn, string region) : base(keyArn, region) { }

    /// <summary>The last successful cryptographic operation, such as Decrypt; null when the key was not used since tracking began.</summary>
    public string? Operation { get; internal init; }

    /// <summary>When the key was last used for a successful cryptographic operation; null when it was not used since tracking began.</summary>
    public DateTime? LastUsedDate { get; internal init; }

    /// <summary>Since when KMS records the key's usage: the key's creation, or when KMS began tracking if that was later.</summary>
    public DateTime? TrackingStartDate { get; internal init; }

    /// <summary>When the key was created.</summary>
    public DateTime? KeyCreationDate { get; internal init; }

    /// <summary>The KMS request id of the last use.</summary>
    public string? KmsRequestId { get; internal init; }

    /// <summary>The CloudTrail event id of the last use (AWS only: the local KMS has no CloudTrail).</summary>
    public string? CloudTrailEventId { get; internal init; }

    /// <summary>
    /// True when the key was not used since it was created; false when it was used, or when tracking began after
    /// its creation (it may have been used before: CloudTrail says).
    /// </summary>
    public bool NeverUsed => LastUsedDate is null && KeyCreationDate is { } created && TrackingStartDate is { } since && created >= since;

    /// <inheritdoc />
    public override string ToString() => KeyArn;
}
