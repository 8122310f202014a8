using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// Automatic rotation is off on a customer-managed symmetric encryption key whose material KMS made (a multi-Region
/// replica's rotation is its primary's, so the finding is on the primary).
/// </summary>
public sealed class RotationDisabledCheck : ComplianceCheck
{
    public override string Id => "RotationDisabled";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Automatic key rotation is not enabled";

    public override string? SecurityHubControl => "KMS.4";

    public override string? CisControl => "CIS AWS Foundations Benchmark v3.0.0 3.6";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!key.IsCustomerManaged || key.Key.KeySpec != KmsKeySpec.SymmetricDefault || key.Key.Origin != "AWS_KMS" || !CheckFacts.SetsOwnRotation(key)) yield break;
        if (key.Key.State is not ("Enabled" or "Disabled") || key.Rotation is not { RotationEnabled: false }) yield break;
        yield return Finding(key,
            $"Automatic rotation of the key material is off for {key.FirstAlias ?? key.Key.KeyId}.",
            "GetKeyRotationStatus: KeyRotationEnabled = false",
            $"Enable-KmsKeyRotation -KeyId '{key.Key.KeyArn}'",
            new KmsComplianceFix(KmsComplianceFixActions.EnableKeyRotation, new Dictionary<string, string>()));
    }
}
