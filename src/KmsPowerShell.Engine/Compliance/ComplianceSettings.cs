namespace KmsPowerShell.Engine.Compliance;

/// <summary>The thresholds and trust a compliance scan judges by (Get-KmsComplianceFinding's parameters).</summary>
public sealed class ComplianceSettings
{
    /// <summary>A rotation period longer than this many days is a finding.</summary>
    public int MaxRotationDays { get; init; } = 365;

    /// <summary>A key not used for more than this many days is a finding.</summary>
    public int UnusedDays { get; init; } = 90;

    /// <summary>A grant older than this many days is a finding.</summary>
    public int MaxGrantAgeDays { get; init; } = 365;

    /// <summary>Imported key material that expires within this many days is a finding.</summary>
    public int ExpiryDays { get; init; } = 30;

    /// <summary>Accounts, besides the key's own, whose principals may be allowed in key policies and grants.</summary>
    public IReadOnlyCollection<string> TrustedAccounts { get; init; } = [];

    /// <summary>Tag keys every customer-managed key must carry (for example Owner).</summary>
    public IReadOnlyCollection<string> RequiredTags { get; init; } = [];

    /// <summary>The check ids to run; empty runs all.</summary>
    public IReadOnlyCollection<string> CheckIds { get; init; } = [];

    /// <summary>The time findings are judged at.</summary>
    public DateTimeOffset Now { get; init; }
}
