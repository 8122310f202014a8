namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// A grant that allows Decrypt (or ReEncryptFrom) with no encryption context constraint: its grantee can decrypt
/// everything the key ever encrypted. Narrowing it means a new grant whose constraints a person chooses, so the finding
/// has no remediation.
/// </summary>
public sealed class GrantUnconstrainedDecryptCheck : ComplianceCheck
{
    public override string Id => "GrantUnconstrainedDecrypt";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Grant allows Decrypt without constraints";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key)) yield break;
        foreach (var grant in key.Grants)
        {
            if (grant.EncryptionContextEquals is { Count: > 0 } || grant.EncryptionContextSubset is { Count: > 0 }) continue;
            var decrypting = grant.Operations.Where(o => o is "Decrypt" or "ReEncryptFrom").ToList();
            if (decrypting.Count == 0) continue;
            yield return Finding(key,
                $"Grant {grant.GrantId} on {CheckFacts.Name(key)} lets {grant.GranteePrincipal} call {string.Join(" and ", decrypting)} on any ciphertext of the key: it has no encryption context constraint.",
                GrantFacts.Evidence(grant),
                null,
                null);
        }
    }
}
