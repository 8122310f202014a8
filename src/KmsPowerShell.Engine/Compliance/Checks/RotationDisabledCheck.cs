using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>Automatic rotation is off on a customer-managed symmetric encryption key whose material KMS made.</summary>
public sealed class RotationDisabledCheck : ComplianceCheck
{
    public override string Id => "RotationDisabled";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Automatic key rotation is not enabled";

    public override string? SecurityHubControl => "KMS.4";

    public override string? CisControl => "CIS AWS Foundations Benchmark v3.0.0 3.6 (3.8 in v1.4.0 and v1.5.0, 2.8 in v1.2.0)";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!key.IsCustomerManaged || key.Key.KeySpec != KmsKeySpec.SymmetricDefault || key.Key.Origin != "AWS_KMS") yield break;
        if (key.Key.State is not ("Enabled" or "Disabled") || key.Rotation is not { RotationEnabled: false }) yield break;
        yield return Finding(key,
            $"Automatic rotation of the key material is off for {key.FirstAlias ?? key.Key.KeyId}.",
            "GetKeyRotationStatus: KeyRotationEnabled = false",
            $"Enable-KmsKeyRotation -KeyId '{key.Key.KeyArn}'",
            new KmsComplianceFix(KmsComplianceFixActions.EnableKeyRotation, new Dictionary<string, string>()));
    }
}
