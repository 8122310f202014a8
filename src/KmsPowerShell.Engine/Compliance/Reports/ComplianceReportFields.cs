using System.Globalization;
using System.Text.Json;

namespace KmsPowerShell.Engine.Compliance.Reports;

/// <summary>
/// Every field of a finding as text, in the order of <see cref="KmsComplianceFinding"/>'s properties: the columns of
/// the CSV form. The fix becomes three columns (its action, its arguments as a JSON object, whether it changes a policy).
/// </summary>
internal static class ComplianceReportFields
{
    public static IReadOnlyList<(string Name, Func<KmsComplianceFinding, string> Text)> All { get; } =
    [
        (nameof(KmsComplianceFinding.Account), f => f.Account),
        (nameof(KmsComplianceFinding.Region), f => f.Region),
        (nameof(KmsComplianceFinding.ProfileName), f => f.ProfileName ?? ""),
        (nameof(KmsComplianceFinding.RoleArn), f => f.RoleArn ?? ""),
        (nameof(KmsComplianceFinding.KeyId), f => f.KeyId ?? ""),
        (nameof(KmsComplianceFinding.KeyArn), f => f.KeyArn ?? ""),
        (nameof(KmsComplianceFinding.Alias), f => f.Alias ?? ""),
        (nameof(KmsComplianceFinding.CustomKeyStoreId), f => f.CustomKeyStoreId ?? ""),
        (nameof(KmsComplianceFinding.CheckId), f => f.CheckId),
        (nameof(KmsComplianceFinding.Severity), f => f.Severity.ToString()),
        (nameof(KmsComplianceFinding.Title), f => f.Title),
        (nameof(KmsComplianceFinding.Problem), f => f.Problem),
        (nameof(KmsComplianceFinding.Evidence), f => f.Evidence),
        (nameof(KmsComplianceFinding.Remediation), f => f.Remediation ?? ""),
        ("FixAction", f => f.Fix?.Action ?? ""),
        ("FixArguments", f => f.Fix is null ? "" : JsonSerializer.Serialize(f.Fix.Arguments)),
        ("FixIsPolicyChange", f => f.Fix is null ? "" : f.Fix.IsPolicyChange ? "True" : "False"),
        (nameof(KmsComplianceFinding.SecurityHubControl), f => f.SecurityHubControl ?? ""),
        (nameof(KmsComplianceFinding.CisControl), f => f.CisControl ?? ""),
        (nameof(KmsComplianceFinding.ObservedAt), f => f.ObservedAt.ToString("o", CultureInfo.InvariantCulture)),
    ];
}
