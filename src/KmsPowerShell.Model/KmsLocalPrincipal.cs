namespace KmsPowerShell;

/// <summary>A principal the local KMS knows, with the keys to sign as it.</summary>
public sealed class KmsLocalPrincipal
{
    internal KmsLocalPrincipal(string principalArn, string account, string accessKeyId, string secretAccessKey, bool accountAdministrator,
        IReadOnlyList<string> identityPolicies, IReadOnlyDictionary<string, string> tags)
    {
        IdentityPolicies = identityPolicies;
        Tags = tags;
        PrincipalArn = principalArn;
        Account = account;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        AccountAdministrator = accountAdministrator;
    }

    /// <summary>The principal's ARN.</summary>
    public string PrincipalArn { get; }

    /// <summary>The account the principal belongs to.</summary>
    public string Account { get; }

    /// <summary>The access key to sign as this principal.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret key to sign as this principal; it only exists in this local KMS.</summary>
    public string SecretAccessKey { get; }

    /// <summary>True when the principal has AdministratorAccess: it may do everything in its account.</summary>
    public bool AccountAdministrator { get; }

    /// <summary>The IAM identity policies (JSON texts) of the principal, besides AdministratorAccess for an administrator.</summary>
    public IReadOnlyList<string> IdentityPolicies { get; }

    /// <summary>The principal's tags, which policies read as aws:PrincipalTag/key.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <inheritdoc />
    public override string ToString() => PrincipalArn;
}
