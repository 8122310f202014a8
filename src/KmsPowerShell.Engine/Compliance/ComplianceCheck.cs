namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// One compliance check: a stable id, a severity, a title, its Security Hub and CIS mappings, and what it finds in a
/// key, a custom key store, or the keys of one account across regions (multi-Region keys). A check overrides the
/// methods that concern it; the others find nothing.
/// </summary>
public abstract class ComplianceCheck
{
    public abstract string Id { get; }

    public abstract KmsFindingSeverity Severity { get; }

    public abstract string Title { get; }

    public virtual string? SecurityHubControl => null;

    public virtual string? CisControl => null;

    public virtual IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings) => [];

    public virtual IEnumerable<KmsComplianceFinding> CheckStore(StoreSnapshot store, ComplianceSettings settings) => [];

    /// <summary>Checks across the keys of one account in every region scanned (replicas of a multi-Region key).</summary>
    public virtual IEnumerable<KmsComplianceFinding> CheckAccount(IReadOnlyList<KeySnapshot> keys, ComplianceSettings settings) => [];

    /// <summary>A finding of this check about <paramref name="key"/>.</summary>
    protected KmsComplianceFinding Finding(KeySnapshot key, string problem, string evidence, string? remediation, KmsComplianceFix? fix) =>
        Finding(key.Scope, key.Key.Region, key.ObservedAt, problem, evidence, remediation, fix,
            new(key.Key.KeyId, key.Key.KeyArn, key.FirstAlias, key.Key.CustomKeyStoreId.Length > 0 ? key.Key.CustomKeyStoreId : null));

    /// <summary>A finding of this check about <paramref name="store"/>.</summary>
    protected KmsComplianceFinding Finding(StoreSnapshot store, string problem, string evidence, string? remediation, KmsComplianceFix? fix) =>
        Finding(store.Scope, store.Store.Region, store.ObservedAt, problem, evidence, remediation, fix,
            new(null, null, null, store.Store.CustomKeyStoreId));

    private KmsComplianceFinding Finding(ComplianceScope scope, string region, DateTimeOffset observedAt, string problem, string evidence,
        string? remediation, KmsComplianceFix? fix, Subject subject) => new()
    {
        Account = scope.Account,
        Region = region,
        ProfileName = scope.ProfileName,
        RoleArn = scope.RoleArn,
        KeyId = subject.KeyId,
        KeyArn = subject.KeyArn,
        Alias = subject.Alias,
        CustomKeyStoreId = subject.CustomKeyStoreId,
        CheckId = Id,
        Severity = Severity,
        Title = Title,
        Problem = problem,
        Evidence = evidence,
        Remediation = remediation,
        Fix = fix,
        SecurityHubControl = SecurityHubControl,
        CisControl = CisControl,
        ObservedAt = observedAt,
    };

    /// <summary>What a finding is about: a key (with its alias and store) or a custom key store.</summary>
    private readonly record struct Subject(string? KeyId, string? KeyArn, string? Alias, string? CustomKeyStoreId);
}
