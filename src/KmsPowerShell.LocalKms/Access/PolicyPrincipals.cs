namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// A statement's Principal or NotPrincipal: "*" or the AWS principal ARNs it names (bare account ids normalised to
/// their root ARN), and any Service/Federated principals, which no IAM caller is.
/// </summary>
internal sealed record PolicyPrincipals(bool Negated, bool Everyone, IReadOnlyList<string> AwsPrincipals, IReadOnlyList<string> OtherPrincipals)
{
    public PrincipalMatch Match(CallerIdentity caller)
    {
        if (Negated)
        {
            // IAM: NotPrincipal leaves out a caller only when it lists every name the request is made under: the
            // caller, its role for a role session, and its account.
            var excluded = Everyone || (Names(caller.Arn, caller) && AwsPrincipals.Contains(caller.RootArn) &&
                (caller.RoleName is null || AwsPrincipals.Any(p => p != caller.Arn && p != caller.RootArn && caller.IsNamedBy(p))));
            return excluded ? PrincipalMatch.None : PrincipalMatch.Direct;
        }
        if (Everyone || AwsPrincipals.Any(caller.IsNamedBy)) return PrincipalMatch.Direct;
        if (AwsPrincipals.Contains(caller.RootArn)) return caller.IsRoot ? PrincipalMatch.Direct : PrincipalMatch.Account;
        return PrincipalMatch.None;
    }

    private bool Names(string arn, CallerIdentity caller) => AwsPrincipals.Contains(arn) || (caller.IsRoot && AwsPrincipals.Contains(caller.RootArn));
}
