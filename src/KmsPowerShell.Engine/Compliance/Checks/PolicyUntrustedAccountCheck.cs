namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The key policy allows principals of an account that is neither the key's own nor one of
/// <see cref="ComplianceSettings.TrustedAccounts"/>: one finding per such account, for what its principals (with IAM
/// policies that allow everything) may do.
/// </summary>
public sealed class PolicyUntrustedAccountCheck : ComplianceCheck
{
    public override string Id => "PolicyUntrustedAccount";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.High;

    public override string Title => "Key policy allows an untrusted account";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (KeyPolicyProbe.For(key, settings) is not { } probe) yield break;
        var byAccount = probe.Policy.NamedPrincipals
            .Where(p => p != "*" && CheckFacts.AccountOf(p) is { } account && !CheckFacts.IsTrusted(account, key, settings))
            .GroupBy(p => CheckFacts.AccountOf(p)!);
        foreach (var principals in byAccount)
        {
            var callers = principals.Select(p => p.EndsWith(":root", StringComparison.Ordinal) ? probe.ProbeUser(principals.Key) : p);
            var allowed = callers.Select(caller => probe.Allowed(caller, withAllowingIdentityPolicy: true)).Where(a => a.Any).ToList();
            if (allowed.Count == 0) continue;
            var allowance = new Allowance(
                [.. allowed.SelectMany(a => a.Actions).Distinct(StringComparer.Ordinal)],
                [.. allowed.SelectMany(a => a.Statements).Distinct()]);
            yield return Finding(key,
                $"The key policy of {CheckFacts.Name(key)} lets principals of account {principals.Key}, which is not trusted, call {allowance.ActionList()} on it.",
                $"{string.Join(", ", principals)} allowed {allowance.ActionList()} by {probe.Evidence(allowance)}",
                null,
                null);
        }
    }
}
