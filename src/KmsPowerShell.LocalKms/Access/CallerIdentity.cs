namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// The caller as policies can name it: its own ARN, its role (for an STS assumed-role session) and its account root.
/// </summary>
internal sealed record CallerIdentity(string Arn, string Account, string? RoleName, bool IsRoot, string RootArn)
{
    public static CallerIdentity From(string arn)
    {
        var identity = PrincipalIdentity.Of(arn);
        return new CallerIdentity(arn, identity.Account, identity.Type == "AssumedRole" ? identity.Name : null, identity.Type == "Account", identity.AccountRootArn);
    }

    /// <summary>Whether a principal ARN from a policy names this caller itself (not merely its account).</summary>
    public bool IsNamedBy(string principalArn) =>
        principalArn == Arn || (RoleName is not null && RoleArnNames(principalArn));

    /// <summary>A role ARN (any path) of the caller's account with the session's role name.</summary>
    private bool RoleArnNames(string principalArn)
    {
        var parts = principalArn.Split(':', 6);
        return parts.Length == 6 && parts[2] == "iam" && parts[4] == Account &&
            parts[5].StartsWith("role/", StringComparison.Ordinal) && parts[5].Split('/')[^1] == RoleName;
    }
}
