namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// A customer-managed key is disabled: nothing can be encrypted or decrypted with it. Whether to enable it again or
/// schedule its deletion is a person's decision, so the finding has no remediation.
/// </summary>
public sealed class KeyDisabledCheck : ComplianceCheck
{
    public override string Id => "KeyDisabled";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Key is disabled";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!key.IsCustomerManaged || key.Key.State != "Disabled") yield break;
        yield return Finding(key,
            $"{CheckFacts.Name(key)} is disabled: data encrypted under it cannot be decrypted until it is enabled (Enable-KmsKey), or it should be scheduled for deletion (Remove-KmsKey).",
            "DescribeKey: KeyState = Disabled, Enabled = false",
            null,
            null);
    }
}
