namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// An enabled customer-managed key not used for more than <see cref="ComplianceSettings.UnusedDays"/> days. A key
/// never used since KMS began tracking counts from the later of its creation and the start of tracking (before then
/// only CloudTrail knows). When GetKeyLastUsage could not be read the check cannot tell, and finds nothing.
/// </summary>
public sealed class KeyUnusedCheck : ComplianceCheck
{
    public override string Id => "KeyUnused";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Low;

    public override string Title => "Key has not been used recently";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || key.Key.State != "Enabled" || key.LastUsage is not { } usage) yield break;
        var (since, evidence) = usage.LastUsedDate is { } used
            ? (used, $"GetKeyLastUsage: last {usage.Operation} on {CheckFacts.Text(used)}")
            : (Later(usage.KeyCreationDate ?? key.Key.CreationDate, usage.TrackingStartDate),
                $"GetKeyLastUsage: no use since tracking began on {Text(usage.TrackingStartDate)}; key created {Text(usage.KeyCreationDate ?? key.Key.CreationDate)}");
        if (since is not { } start || CheckFacts.DaysSince(start, settings) <= settings.UnusedDays) yield break;
        var days = CheckFacts.DaysSince(start, settings);
        yield return Finding(key,
            usage.LastUsedDate is null
                ? $"{CheckFacts.Name(key)} has not been used in the {days} days since {CheckFacts.Text(start)}, more than the {settings.UnusedDays} allowed."
                : $"{CheckFacts.Name(key)} was last used {days} days ago, more than the {settings.UnusedDays} allowed.",
            evidence,
            null,
            null);
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : CheckFacts.At(a.Value) >= CheckFacts.At(b.Value) ? a : b;

    private static string Text(DateTime? date) => date is { } d ? CheckFacts.Text(d) : "(unknown)";
}
