namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// Decides a request as KMS does ("Determining access to a KMS key" with IAM's policy evaluation logic): an explicit
/// Deny in the key policy or an identity policy wins; otherwise the key policy allows the caller directly (same account),
/// or allows its account or (cross-account) the caller and an identity policy allows it too, or a grant allows it.
/// </summary>
public static class KeyAccessEvaluator
{
    internal const string KeyPolicySource = "KeyPolicy";
    internal const string IdentityPolicySource = "IdentityPolicy";
    internal const string GrantSource = "Grant";

    /// <summary>Decides the request; <paramref name="keyPolicy"/> is null for an action on no key (CreateKey, ListKeys...), which identity policies alone decide.</summary>
    public static AccessResult Evaluate(
        AccessRequest request,
        PolicyDocument? keyPolicy,
        IReadOnlyList<PolicyDocument> identityPolicies,
        IReadOnlyList<GrantAllowance> grants)
    {
        var caller = CallerIdentity.From(request.PrincipalArn);
        var keyStatements = keyPolicy is null ? [] : StatementMatch.All(keyPolicy, KeyPolicySource, 0, request, caller).ToList();
        var identityStatements = identityPolicies
            .SelectMany((policy, index) => StatementMatch.All(policy, IdentityPolicySource, index, request, caller))
            .ToList();
        var reasons = new AccessReasons(request, caller);

        var keyDenies = keyStatements.Where(s => s.Applies && s.Statement.IsDeny).ToList();
        if (keyDenies.Count > 0) return reasons.Denied(keyDenies, "resource-based");
        var identityDenies = identityStatements.Where(s => s.Applies && s.Statement.IsDeny).ToList();
        if (identityDenies.Count > 0) return reasons.Denied(identityDenies, "identity-based");

        // The account root needs no identity policy: it holds every permission of its account.
        var identityAllows = identityStatements.Where(s => s.Applies && !s.Statement.IsDeny).ToList();
        var identityAllowsIt = identityAllows.Count > 0 || caller.IsRoot;
        if (keyPolicy is null)
        {
            return identityAllowsIt ? reasons.AllowedByIdentity(identityAllows) : reasons.NoIdentityAllow(identityStatements);
        }

        var sameAccount = (request.ResourceAccount ?? caller.Account) == caller.Account;
        var keyAllows = keyStatements.Where(s => s.Applies && !s.Statement.IsDeny).ToList();
        var direct = keyAllows.Where(s => s.Principal == PrincipalMatch.Direct).ToList();
        if (sameAccount && direct.Count > 0) return reasons.AllowedByKeyPolicy(direct);
        var delegating = sameAccount ? keyAllows : keyAllows.Where(s => s.Principal != PrincipalMatch.None).ToList();
        if (delegating.Count > 0 && identityAllowsIt) return reasons.AllowedThroughAccount(delegating, identityAllows);

        var grant = grants.FirstOrDefault(g => GrantMatcher.NamesOperation(g, request.Action) &&
            (GrantMatcher.IsForCaller(g, caller) || (GrantMatcher.IsForCallersAccount(g, caller) && identityAllowsIt)) &&
            GrantMatcher.ConstraintsMet(g, request.EncryptionContext));
        if (grant is not null) return reasons.AllowedByGrant(grant);

        return delegating.Count > 0
            ? reasons.NoIdentityAllowThroughAccount(delegating, identityStatements)
            : reasons.KeyPolicyDoesNotAllow(keyStatements, grants);
    }
}
