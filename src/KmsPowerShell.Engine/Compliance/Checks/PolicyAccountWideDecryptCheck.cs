namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The key policy lets every principal of the key's account decrypt (kms:Decrypt or kms:ReEncryptFrom), whatever its
/// IAM policies say: a principal of the account with no IAM policy at all is allowed.
/// </summary>
public sealed class PolicyAccountWideDecryptCheck : ComplianceCheck
{
    private static readonly string[] DecryptActions = ["kms:Decrypt", "kms:ReEncryptFrom"];

    public override string Id => "PolicyAccountWideDecrypt";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.High;

    public override string Title => "Key policy allows everyone in the account to decrypt";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (KeyPolicyProbe.For(key, settings) is not { } probe) yield break;
        var anyone = probe.ProbeUser(CheckFacts.OwnAccount(key));
        var allowance = probe.Allowed(anyone, withAllowingIdentityPolicy: false, DecryptActions);
        if (!allowance.Any) yield break;
        yield return Finding(key,
            $"The key policy of {CheckFacts.Name(key)} lets every principal of account {CheckFacts.OwnAccount(key)} call {allowance.ActionList()}, even one no IAM policy allows.",
            $"{anyone}, with no IAM policy, is allowed {allowance.ActionList()} by {probe.Evidence(allowance)}",
            null,
            null);
    }
}
