namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// Whether a grant allows a request: its grantee is the caller (or the role of an assumed-role session), it names the
/// operation, and the request's encryption context meets its constraints. A request without an encryption context
/// (null: the operation takes none, such as DescribeKey) is not held to the constraints, as before the evaluator.
/// </summary>
internal static class GrantMatcher
{
    public static bool NamesOperation(GrantAllowance grant, string action) =>
        grant.Operations.Contains(action[(action.IndexOf(':') + 1)..], StringComparer.Ordinal);

    public static bool IsForCaller(GrantAllowance grant, CallerIdentity caller) => caller.IsNamedBy(grant.GranteePrincipal);

    public static bool IsForCallersAccount(GrantAllowance grant, CallerIdentity caller) => grant.GranteePrincipal == caller.RootArn;

    public static bool ConstraintsMet(GrantAllowance grant, IReadOnlyDictionary<string, string>? context)
    {
        if (context is null) return true;
        if (grant.EncryptionContextEquals is { } equals &&
            (equals.Count != context.Count || equals.Any(p => !context.TryGetValue(p.Key, out var v) || v != p.Value)))
        {
            return false;
        }
        return grant.EncryptionContextSubset is not { } subset || subset.All(p => context.TryGetValue(p.Key, out var v) && v == p.Value);
    }
}
