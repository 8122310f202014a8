namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The key policy lets anyone in: a principal of an unrelated account, whose own IAM policies allow everything, is
/// allowed actions on the key (a wildcard principal with no condition that restricts who may call).
/// </summary>
public sealed class PolicyPublicCheck : ComplianceCheck
{
    public override string Id => "PolicyPublic";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Critical;

    public override string Title => "Key policy allows public access";

    public override string? SecurityHubControl => "KMS.5";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (KeyPolicyProbe.For(key, settings) is not { } probe) yield break;
        var outsider = probe.ProbeUser(probe.UnrelatedAccount());
        var allowance = probe.Allowed(outsider, withAllowingIdentityPolicy: true);
        if (!allowance.Any) yield break;
        yield return Finding(key,
            $"The key policy of {CheckFacts.Name(key)} lets any AWS principal, in any account, call {allowance.ActionList()} on it.",
            $"{outsider} is allowed {allowance.ActionList()} by {probe.Evidence(allowance)}",
            null,
            null);
    }
}
