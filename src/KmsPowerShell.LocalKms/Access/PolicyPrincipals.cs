namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// A statement's Principal or NotPrincipal: "*" or the AWS principal ARNs it names (bare account ids normalised to
/// their root ARN), and any Service/Federated principals, which no IAM caller is. A bare account id names the account's
/// root in the caller's partition (arn:aws-cn:iam::ACCOUNT:root for a caller in the China Regions), as IAM reads it
/// in each partition; <see cref="AccountIds"/> keeps them for that.
/// </summary>
internal sealed record PolicyPrincipals(bool Negated, bool Everyone, IReadOnlyList<string> AwsPrincipals, IReadOnlyList<string> OtherPrincipals,
    IReadOnlyList<string>? AccountIds = null)
{
    public PrincipalMatch Match(CallerIdentity caller)
    {
        if (Negated)
        {
            // IAM: NotPrincipal leaves out a caller only when it lists every name the request is made under: the
            // caller, its role for a role session, and its account.
            var excluded = Everyone || (Names(caller.Arn, caller) && NamesRoot(caller) &&
                (caller.RoleName is null || AwsPrincipals.Any(p => p != caller.Arn && p != caller.RootArn && caller.IsNamedBy(p))));
            return excluded ? PrincipalMatch.None : PrincipalMatch.Direct;
        }
        if (Everyone || AwsPrincipals.Any(caller.IsNamedBy)) return PrincipalMatch.Direct;
        if (NamesRoot(caller)) return caller.IsRoot ? PrincipalMatch.Direct : PrincipalMatch.Account;
        return PrincipalMatch.None;
    }

    private bool Names(string arn, CallerIdentity caller) => AwsPrincipals.Contains(arn) || (caller.IsRoot && NamesRoot(caller));

    private bool NamesRoot(CallerIdentity caller) => AwsPrincipals.Contains(caller.RootArn) || AccountIds?.Contains(caller.Account) == true;
}
