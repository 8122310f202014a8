using KmsPowerShell.Engine.Compliance;

namespace KmsPowerShell;

/// <summary>Completes the ids of the compliance checks (Get-KmsComplianceFinding -Check).</summary>
public sealed class ComplianceCheckCompleter : ListCompleter
{
    private protected override IEnumerable<string> Values => ComplianceChecks.All.Select(check => check.Id);
}
