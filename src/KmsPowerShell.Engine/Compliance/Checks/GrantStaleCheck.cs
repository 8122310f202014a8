namespace KmsPowerShell.Engine.Compliance;

/// <summary>A grant older than <see cref="ComplianceSettings.MaxGrantAgeDays"/>: one finding per grant; the fix retires it.</summary>
public sealed class GrantStaleCheck : ComplianceCheck
{
    public override string Id => "GrantStale";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Grant is older than allowed";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key)) yield break;
        foreach (var grant in key.Grants)
        {
            if (grant.CreationDate is not { } created || CheckFacts.DaysSince(created, settings) <= settings.MaxGrantAgeDays) continue;
            yield return Finding(key,
                $"Grant {grant.GrantId} on {CheckFacts.Name(key)} was created {CheckFacts.DaysSince(created, settings)} days ago, more than the {settings.MaxGrantAgeDays} allowed.",
                GrantFacts.Evidence(grant),
                $"Remove-KmsGrant -KeyId {CheckFacts.Quoted(key.Key.KeyArn)} -GrantId {CheckFacts.Quoted(grant.GrantId)}",
                new KmsComplianceFix(KmsComplianceFixActions.RetireGrant, new Dictionary<string, string> { ["GrantId"] = grant.GrantId }));
        }
    }
}
