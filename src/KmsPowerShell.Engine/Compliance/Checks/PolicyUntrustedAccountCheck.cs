using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The key policy allows principals of an account that is neither the key's own nor one of
/// <see cref="ComplianceSettings.TrustedAccounts"/>: one finding per such account, for what its principals (those the
/// policy names, and any other, each with IAM policies that allow everything) may do. The accounts asked about are
/// those the policy mentions, as principals or in conditions (a wildcard principal limited by kms:CallerAccount).
/// </summary>
public sealed class PolicyUntrustedAccountCheck : ComplianceCheck
{
    public override string Id => "PolicyUntrustedAccount";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.High;

    public override string Title => "Key policy allows an untrusted account";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (KeyPolicyProbe.For(key, settings) is not { } probe) yield break;
        var untrusted = probe.MentionedAccounts().Where(account => !CheckFacts.IsTrusted(account, key, settings)).Order(StringComparer.Ordinal);
        foreach (var account in untrusted)
        {
            var named = probe.Policy.NamedPrincipals.Where(p => p != "*" && CheckFacts.AccountOf(p) == account).ToList();
            var callers = named.Where(p => PrincipalIdentity.Of(p).Type != "Account").Append(probe.ProbeUser(account));
            var allowed = callers.Select(caller => probe.Allowed(caller, withAllowingIdentityPolicy: true)).Where(a => a.Any).ToList();
            if (allowed.Count == 0) continue;
            var allowance = new Allowance(
                [.. allowed.SelectMany(a => a.Actions).Distinct(StringComparer.Ordinal)],
                [.. allowed.SelectMany(a => a.Statements).Distinct()]);
            yield return Finding(key,
                $"The key policy of {CheckFacts.Name(key)} lets principals of account {account}, which is not trusted, call {allowance.ActionList()} on it.",
                $"Principals of {account}{(named.Count > 0 ? $" ({string.Join(", ", named)})" : "")} are allowed {allowance.ActionList()} by {probe.Evidence(allowance)}",
                null,
                null);
        }
    }
}
