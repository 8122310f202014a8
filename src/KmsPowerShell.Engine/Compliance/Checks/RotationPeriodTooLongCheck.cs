using System.Globalization;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// Automatic rotation is on, but with a period longer than <see cref="ComplianceSettings.MaxRotationDays"/> (on the
/// primary of a multi-Region key, whose replicas share its rotation).
/// </summary>
public sealed class RotationPeriodTooLongCheck : ComplianceCheck
{
    public override string Id => "RotationPeriodTooLong";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Low;

    public override string Title => "Automatic rotation period is longer than allowed";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || !CheckFacts.SetsOwnRotation(key) || key.Rotation is not { RotationEnabled: true, RotationPeriodInDays: { } period }) yield break;
        if (period <= settings.MaxRotationDays) yield break;
        var days = settings.MaxRotationDays.ToString(CultureInfo.InvariantCulture);
        yield return Finding(key,
            $"The key material of {CheckFacts.Name(key)} rotates every {period} days, more than the {days} allowed.",
            $"GetKeyRotationStatus: KeyRotationEnabled = true, RotationPeriodInDays = {period}",
            $"Enable-KmsKeyRotation -KeyId {CheckFacts.Quoted(key.Key.KeyArn)} -RotationPeriodInDays {days}",
            new KmsComplianceFix(KmsComplianceFixActions.EnableKeyRotation, new Dictionary<string, string> { ["RotationPeriodInDays"] = days }));
    }
}
