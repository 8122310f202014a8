namespace KmsPowerShell.LocalKms.Access;

/// <summary>The results of <see cref="KeyAccessEvaluator"/>, each with one sentence that says which statement or grant decided and why.</summary>
internal sealed class AccessReasons(AccessRequest request, CallerIdentity _caller)
{

    public AccessResult Denied(IReadOnlyList<StatementMatch> denies, string policyKind)
    {
        var deny = denies[0];
        var conditions = deny.Statement.Conditions.Select(c => c.Describe(request.Context)).ToList();
        var because = conditions.Count > 0 ? ": " + string.Join("; ", conditions) : "";
        return new(AccessDecision.ExplicitDeny, Deciding(denies), $"{Where(deny)} denies {request.Action}{because}.", policyKind);
    }

    public AccessResult AllowedByKeyPolicy(IReadOnlyList<StatementMatch> allows) =>
        Allowed(allows, $"{Where(allows[0])} allows {request.PrincipalArn} to perform {request.Action}.");

    public AccessResult AllowedThroughAccount(IReadOnlyList<StatementMatch> keyAllows, IReadOnlyList<StatementMatch> identityAllows)
    {
        var key = keyAllows[0];
        var whom = key.Principal == PrincipalMatch.Account ? $"account {_caller.Account}" : $"{request.PrincipalArn} of another account";
        var identity = identityAllows.Count > 0 ? $"{Where(identityAllows[0])} allows it" : "the account root needs no IAM policy";
        return Allowed([.. keyAllows, .. identityAllows], $"{Where(key)} allows {request.Action} to {whom}, and {identity}.");
    }

    public AccessResult AllowedByIdentity(IReadOnlyList<StatementMatch> identityAllows) =>
        Allowed(identityAllows, identityAllows.Count > 0
            ? $"{Where(identityAllows[0])} allows {request.Action}."
            : $"The account root needs no IAM policy to perform {request.Action}.");

    public AccessResult AllowedByGrant(GrantAllowance grant) =>
        new(AccessDecision.Allowed, [new DecidingStatement(KeyAccessEvaluator.GrantSource, 0, 0, null, "Allow", grant.GrantId)],
            $"Grant {grant.GrantId} gives {grant.GranteePrincipal} the {request.Action[(request.Action.IndexOf(':') + 1)..]} operation.", null);

    public AccessResult NoIdentityAllow(IReadOnlyList<StatementMatch> identityStatements) =>
        new(AccessDecision.ImplicitDeny, [],
            $"No identity policy of {request.PrincipalArn} allows {request.Action}{NearMiss(identityStatements)}.", "identity-based");

    public AccessResult NoIdentityAllowThroughAccount(IReadOnlyList<StatementMatch> delegating, IReadOnlyList<StatementMatch> identityStatements) =>
        new(AccessDecision.ImplicitDeny, Deciding(delegating),
            $"{Where(delegating[0])} leaves {request.Action} to the IAM policies of account {_caller.Account}, " +
            $"but no identity policy of {request.PrincipalArn} allows it{NearMiss(identityStatements)}.", "identity-based");

    public AccessResult KeyPolicyDoesNotAllow(IReadOnlyList<StatementMatch> keyStatements, IReadOnlyList<GrantAllowance> grants)
    {
        var unmetGrant = grants.FirstOrDefault(g => GrantMatcher.NamesOperation(g, request.Action) && GrantMatcher.IsForCaller(g, _caller));
        var grantPart = unmetGrant is null ? ", and no grant does" : $", and grant {unmetGrant.GrantId}'s encryption context constraints are not met";
        return new(AccessDecision.ImplicitDeny, [],
            $"No statement of the key policy allows {request.PrincipalArn} to perform {request.Action}{NearMiss(keyStatements)}{grantPart}.", "resource-based");
    }

    private static AccessResult Allowed(IReadOnlyList<StatementMatch> statements, string reason) =>
        new(AccessDecision.Allowed, Deciding(statements), reason, null);

    private static List<DecidingStatement> Deciding(IEnumerable<StatementMatch> statements) => statements.Select(s => s.ToDeciding()).ToList();

    /// <summary>An Allow statement that would have applied but for one condition, named so the administrator sees what is missing.</summary>
    private string NearMiss(IEnumerable<StatementMatch> statements) =>
        statements.FirstOrDefault(s => !s.Statement.IsDeny && s.FailingCondition is not null) is { } miss
            ? $" ({Where(miss)} would, but {miss.FailingCondition!.Describe(request.Context)})"
            : "";

    private static string Where(StatementMatch match) => match.Source == KeyAccessEvaluator.KeyPolicySource
        ? $"The key policy's statement {match.Statement.Name}"
        : $"Identity policy {match.PolicyIndex}'s statement {match.Statement.Name}";
}
