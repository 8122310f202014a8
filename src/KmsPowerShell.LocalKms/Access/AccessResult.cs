namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// A decision, the statements that made it and why in one sentence. <see cref="PolicyKind"/> is the kind of policy
/// AWS names in its AccessDeniedException ("resource-based" or "identity-based"); null when allowed.
/// </summary>
public sealed record AccessResult(AccessDecision Decision, IReadOnlyList<DecidingStatement> Statements, string Reason, string? PolicyKind)
{
    public bool IsAllowed => Decision == AccessDecision.Allowed;

    /// <summary>The message of AWS's AccessDeniedException for this decision on the request.</summary>
    public string DenialMessage(AccessRequest request) => Decision switch
    {
        AccessDecision.ExplicitDeny =>
            $"User: {request.PrincipalArn} is not authorized to perform: {request.Action} on resource: {request.Resource} with an explicit deny in {Article(PolicyKind)} {PolicyKind} policy",
        AccessDecision.ImplicitDeny =>
            $"User: {request.PrincipalArn} is not authorized to perform: {request.Action} on resource: {request.Resource} because no {PolicyKind} policy allows the {request.Action} action",
        _ => throw new InvalidOperationException("The request is allowed."),
    };

    private static string Article(string? kind) => kind is ['i', ..] ? "an" : "a";
}
