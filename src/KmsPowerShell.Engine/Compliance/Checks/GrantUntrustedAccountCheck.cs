namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// A grant whose grantee is a principal of an account that is neither the key's own nor trusted: one finding per
/// grant; the fix revokes it (a grant another account holds is not for this account to retire).
/// </summary>
public sealed class GrantUntrustedAccountCheck : ComplianceCheck
{
    public override string Id => "GrantUntrustedAccount";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.High;

    public override string Title => "Grant gives an untrusted account access";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key)) yield break;
        foreach (var grant in key.Grants)
        {
            if (grant.GranteePrincipal is not { } grantee || CheckFacts.AccountOf(grantee) is not { } account ||
                CheckFacts.IsTrusted(account, key, settings)) continue;
            yield return Finding(key,
                $"Grant {grant.GrantId} on {CheckFacts.Name(key)} lets {grantee} of account {account}, which is not trusted, call {string.Join(", ", grant.Operations)}.",
                GrantFacts.Evidence(grant),
                $"Revoke-KmsGrant -KeyId {CheckFacts.Quoted(key.Key.KeyArn)} -GrantId {CheckFacts.Quoted(grant.GrantId)}",
                new KmsComplianceFix(KmsComplianceFixActions.RevokeGrant, new Dictionary<string, string> { ["GrantId"] = grant.GrantId }));
        }
    }
}
