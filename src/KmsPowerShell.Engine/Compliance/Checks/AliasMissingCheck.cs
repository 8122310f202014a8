namespace KmsPowerShell.Engine.Compliance;

/// <summary>A customer-managed key without an alias. When the aliases could not be read, the check cannot tell and finds nothing.</summary>
public sealed class AliasMissingCheck : ComplianceCheck
{
    public override string Id => "AliasMissing";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Low;

    public override string Title => "Key has no alias";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || key.FirstAlias is not null || CheckFacts.IsUnreadable(key, "Aliases")) yield break;
        yield return Finding(key,
            $"{key.Key.KeyId} has no alias; give it a name people can recognise (New-KmsAlias).",
            "ListAliases: no alias targets the key",
            null,
            null);
    }
}
