namespace KmsPowerShell;

/// <summary>What Test-KmsKeyPolicy found for one principal and one action: the decision, what made it and why.</summary>
public sealed class KmsPolicyDecision
{
    internal KmsPolicyDecision(string principalArn, string action, string resource, KmsAccessDecision decision, string reason)
    {
        PrincipalArn = principalArn;
        Action = action;
        Resource = resource;
        Decision = decision;
        Reason = reason;
    }

    /// <summary>The principal whose request was decided.</summary>
    public string PrincipalArn { get; }

    /// <summary>The action, such as kms:Decrypt.</summary>
    public string Action { get; }

    /// <summary>The key ARN the request acts on.</summary>
    public string Resource { get; }

    /// <summary>Allowed, ExplicitDeny or ImplicitDeny.</summary>
    public KmsAccessDecision Decision { get; }

    /// <summary>
    /// The statements (and grants) that made the decision: a key policy statement by its Sid, or #N (its index from 0)
    /// when it has none; an identity policy statement as Identity[P]:Sid; a grant as Grant:id. Empty for an implicit deny.
    /// </summary>
    public IReadOnlyList<string> DecidingStatements { get; internal init; } = Array.Empty<string>();

    /// <summary>Why, in one sentence.</summary>
    public string Reason { get; }

    /// <summary>The kind of policy AWS names in its AccessDeniedException (resource-based, identity-based); null when allowed.</summary>
    public string? PolicyKind { get; internal init; }

    /// <summary>The AccessDeniedException message KMS answers for this request; null when allowed.</summary>
    public string? DenialMessage { get; internal init; }

    /// <summary>True when allowed.</summary>
    public bool IsAllowed => Decision == KmsAccessDecision.Allowed;

    /// <inheritdoc />
    public override string ToString() => $"{Action}: {Decision}";
}
