namespace KmsPowerShell.Engine.Compliance;

/// <summary>A customer-managed key without a description: nobody can tell what it protects. The text is a person's to write.</summary>
public sealed class DescriptionMissingCheck : ComplianceCheck
{
    public override string Id => "DescriptionMissing";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Low;

    public override string Title => "Key has no description";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || !string.IsNullOrWhiteSpace(key.Key.Description)) yield break;
        yield return Finding(key,
            $"{CheckFacts.Name(key)} has no description; set one that says what it protects (Set-KmsKey -Description).",
            "DescribeKey: Description is empty",
            null,
            null);
    }
}
