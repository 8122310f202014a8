namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The key policy was read but the policy evaluator refuses it, so the policy checks did not run on this key. KMS
/// accepted the policy, so it is reported (Informational) rather than passed over in silence: "no policy finding"
/// must never mean "not looked at".
/// </summary>
public sealed class PolicyNotEvaluatedCheck : ComplianceCheck
{
    public override string Id => "PolicyNotEvaluated";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Informational;

    public override string Title => "Key policy could not be evaluated";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || key.Policy is null || KeyPolicyProbe.Fault(key) is not { } fault) yield break;
        yield return Finding(key,
            $"The key policy of {CheckFacts.Name(key)} could not be evaluated, so the policy checks did not run on it; review it by hand (Get-KmsKeyPolicy).",
            $"Policy evaluator: {fault}",
            null,
            null);
    }
}
