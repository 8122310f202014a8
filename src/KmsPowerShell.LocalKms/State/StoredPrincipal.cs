namespace KmsPowerShell.LocalKms.State;

/// <summary>A principal added to the local KMS, as the state file keeps it (by principal ARN).</summary>
internal sealed class StoredPrincipal
{
    public string PrincipalArn { get; set; } = "";
    public string Account { get; set; } = "";
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
    public bool IsAccountAdministrator { get; set; }
    public List<string> IdentityPolicies { get; set; } = [];
    public Dictionary<string, string> Tags { get; set; } = [];

    public static StoredPrincipal From(LocalKmsPrincipal principal) => new()
    {
        PrincipalArn = principal.PrincipalArn,
        Account = principal.Account,
        AccessKeyId = principal.AccessKeyId,
        SecretAccessKey = principal.SecretAccessKey,
        IsAccountAdministrator = principal.IsAccountAdministrator,
        IdentityPolicies = [.. principal.IdentityPolicies],
        Tags = new Dictionary<string, string>(principal.Tags),
    };

    public LocalKmsPrincipal ToPrincipal() => new(AccessKeyId, SecretAccessKey, PrincipalArn, Account, IsAccountAdministrator)
    {
        IdentityPolicies = IdentityPolicies.ToArray(),
        Tags = new Dictionary<string, string>(Tags, StringComparer.OrdinalIgnoreCase),
    };
}
