using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The key policy allows every action on the key (kms:*) to a principal other than the key's account root: a user, a
/// role, another account, or everyone in the account through a wildcard principal. The root statement of the default
/// key policy only hands the decision to IAM policies, which is what it should do.
/// </summary>
public sealed class PolicyFullAccessCheck : ComplianceCheck
{
    public override string Id => "PolicyFullAccess";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.High;

    public override string Title => "Key policy allows kms:* to a principal other than the account root";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (KeyPolicyProbe.For(key, settings) is not { } probe) yield break;
        var own = CheckFacts.OwnAccount(key);
        foreach (var named in probe.Policy.NamedPrincipals)
        {
            if (Caller(probe, named, own) is not { } caller) continue;
            var allowance = probe.Allowed(caller.Arn, withAllowingIdentityPolicy: caller.Account != own, untilDenied: true);
            if (allowance.Actions.Count < KmsActions.OnKeys.Count) continue;
            yield return Finding(key,
                $"The key policy of {CheckFacts.Name(key)} allows every KMS action (kms:*) to {(named == "*" ? "every principal of the account" : named)}, not only to the account root.",
                $"{caller.Arn} is allowed all {KmsActions.OnKeys.Count} actions on keys by {probe.Evidence(allowance)}",
                null,
                null);
        }
    }

    /// <summary>Who to ask for a principal the policy names: itself; for "*" or a foreign root, a principal no policy names.</summary>
    private static (string Arn, string Account)? Caller(KeyPolicyProbe probe, string named, string own)
    {
        if (named == "*") return (probe.ProbeUser(own), own);
        var identity = PrincipalIdentity.Of(named);
        if (identity.Account.Length == 0 || (identity.Type == "Account" && identity.Account == own)) return null;
        return identity.Type == "Account" ? (probe.ProbeUser(identity.Account), identity.Account) : (named, identity.Account);
    }
}
