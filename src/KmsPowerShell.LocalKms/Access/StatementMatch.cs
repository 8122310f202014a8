namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// How one statement meets a request: whether its principal names the caller (directly or through its account), and
/// whether it applies (principal, action, resource and every condition). <see cref="FailingCondition"/> is the condition
/// that kept a statement which otherwise applies from applying.
/// </summary>
internal sealed record StatementMatch(
    PolicyStatement Statement,
    string Source,
    int PolicyIndex,
    PrincipalMatch Principal,
    bool Applies,
    ConditionClause? FailingCondition)
{
    public DecidingStatement ToDeciding() => new(Source, PolicyIndex, Statement.Index, Statement.Sid, Statement.Effect);

    /// <summary>The statements of a policy against a request; identity policies have no principal (it is their owner).</summary>
    public static IEnumerable<StatementMatch> All(PolicyDocument policy, string source, int policyIndex, AccessRequest request, CallerIdentity caller) =>
        policy.Statements.Select(statement =>
        {
            var principal = source == KeyAccessEvaluator.KeyPolicySource
                ? statement.PrincipalElement?.Match(caller) ?? PrincipalMatch.None
                : PrincipalMatch.Direct;
            var covers = principal != PrincipalMatch.None && statement.CoversAction(request.Action) &&
                statement.CoversResource(request.Resource, policy.ResolvesVariables, request.Context);
            var failing = covers ? statement.FailingCondition(request.Context, policy.ResolvesVariables) : null;
            return new StatementMatch(statement, source, policyIndex, principal, covers && failing is null, failing);
        });
}
