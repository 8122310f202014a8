namespace KmsPowerShell.Engine.Compliance;

/// <summary>Every compliance check, in the order findings are reported; the one list the cmdlets, completers and docs read.</summary>
public static class ComplianceChecks
{
    public static IReadOnlyList<ComplianceCheck> All { get; } =
    [
        new PendingDeletionCheck(),
        new PolicyPublicCheck(),
        new PolicyUntrustedAccountCheck(),
        new PolicyFullAccessCheck(),
        new PolicyAccountWideDecryptCheck(),
        new PolicyNotEvaluatedCheck(),
        new GrantUntrustedAccountCheck(),
        new GrantUnconstrainedDecryptCheck(),
        new GrantStaleCheck(),
        new ImportedMaterialExpiringCheck(),
        new KeyStoreNotConnectedCheck(),
        new RotationDisabledCheck(),
        new RotationPeriodTooLongCheck(),
        new ReplicaDriftCheck(),
        new KeyDisabledCheck(),
        new KeyUnusedCheck(),
        new DescriptionMissingCheck(),
        new AliasMissingCheck(),
        new RequiredTagMissingCheck(),
    ];

    /// <summary>The checks <paramref name="settings"/> selects (all when it names none).</summary>
    public static IEnumerable<ComplianceCheck> Selected(ComplianceSettings settings) =>
        settings.CheckIds.Count == 0 ? All : All.Where(check => settings.CheckIds.Contains(check.Id, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<KmsComplianceFinding> ForKey(KeySnapshot key, ComplianceSettings settings) =>
        Selected(settings).SelectMany(check => check.CheckKey(key, settings));

    public static IEnumerable<KmsComplianceFinding> ForStore(StoreSnapshot store, ComplianceSettings settings) =>
        Selected(settings).SelectMany(check => check.CheckStore(store, settings));

    public static IEnumerable<KmsComplianceFinding> ForAccount(IReadOnlyList<KeySnapshot> keys, ComplianceSettings settings) =>
        Selected(settings).SelectMany(check => check.CheckAccount(keys, settings));
}
