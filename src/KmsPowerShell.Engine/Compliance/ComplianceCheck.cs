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
    protected KmsComplianceFinding Finding(KeySnapshot key, string problem, string evidence, string? remediation, KmsComplianceFix? fix) => new()
    {
        Account = key.Scope.Account,
        Region = key.Key.Region,
        ProfileName = key.Scope.ProfileName,
        RoleArn = key.Scope.RoleArn,
        KeyId = key.Key.KeyId,
        KeyArn = key.Key.KeyArn,
        Alias = key.FirstAlias,
        CustomKeyStoreId = key.Key.CustomKeyStoreId.Length > 0 ? key.Key.CustomKeyStoreId : null,
        CheckId = Id,
        Severity = Severity,
        Title = Title,
        Problem = problem,
        Evidence = evidence,
        Remediation = remediation,
        Fix = fix,
        SecurityHubControl = SecurityHubControl,
        CisControl = CisControl,
        ObservedAt = key.ObservedAt,
    };

    /// <summary>A finding of this check about <paramref name="store"/>.</summary>
    protected KmsComplianceFinding Finding(StoreSnapshot store, string problem, string evidence, string? remediation, KmsComplianceFix? fix) => new()
    {
        Account = store.Scope.Account,
        Region = store.Store.Region,
        ProfileName = store.Scope.ProfileName,
        RoleArn = store.Scope.RoleArn,
        CustomKeyStoreId = store.Store.CustomKeyStoreId,
        CheckId = Id,
        Severity = Severity,
        Title = Title,
        Problem = problem,
        Evidence = evidence,
        Remediation = remediation,
        Fix = fix,
        SecurityHubControl = SecurityHubControl,
        CisControl = CisControl,
        ObservedAt = store.ObservedAt,
    };
}
