namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// One statement of a policy. A key policy statement without Action or Resource is accepted and has no effect, as KMS
/// does; identity policies must have both.
/// </summary>
public sealed class PolicyStatement
{
    internal PolicyStatement(
        int index,
        string? sid,
        string effect,
        PolicyPrincipals? principals,
        IReadOnlyList<string>? actions,
        bool notAction,
        IReadOnlyList<string>? resources,
        bool notResource,
        IReadOnlyList<ConditionClause> conditions)
    {
        Index = index;
        Sid = sid;
        Effect = effect;
        PrincipalElement = principals;
        Actions = actions ?? [];
        NotAction = notAction;
        Resources = resources ?? [];
        NotResource = notResource;
        Conditions = conditions;
        _actionPatterns = Actions.Select(a => new WildcardPattern(a)).ToList();
        _hasActionElement = actions is not null;
        _hasResourceElement = resources is not null;
    }

    private readonly IReadOnlyList<WildcardPattern> _actionPatterns;
    private readonly bool _hasActionElement;
    private readonly bool _hasResourceElement;

    /// <summary>The statement's place in its policy, from 0.</summary>
    public int Index { get; }

    public string? Sid { get; }

    /// <summary>"Allow" or "Deny".</summary>
    public string Effect { get; }

    public bool IsDeny => Effect == "Deny";

    /// <summary>The AWS principals of Principal (or NotPrincipal when <see cref="NotPrincipal"/>), normalised; "*" for everyone.</summary>
    public IReadOnlyList<string> Principals => PrincipalElement is null ? [] :
        PrincipalElement.Everyone ? ["*"] : PrincipalElement.AwsPrincipals;

    public bool NotPrincipal => PrincipalElement?.Negated ?? false;

    /// <summary>The Action (or NotAction) patterns as written.</summary>
    public IReadOnlyList<string> Actions { get; }

    public bool NotAction { get; }

    /// <summary>The Resource (or NotResource) patterns as written.</summary>
    public IReadOnlyList<string> Resources { get; }

    public bool NotResource { get; }

    /// <summary>How the statement is named in a reason: by Sid, or by its position.</summary>
    public string Name => Sid is { Length: > 0 } ? $"'{Sid}'" : $"#{Index}";

    internal PolicyPrincipals? PrincipalElement { get; }

    internal IReadOnlyList<ConditionClause> Conditions { get; }

    /// <summary>Whether Action/NotAction covers the action (case-insensitively, with wildcards).</summary>
    public bool CoversAction(string action) =>
        _hasActionElement && _actionPatterns.Count > 0 && _actionPatterns.Any(p => p.Matches(action, ignoreCase: true)) != NotAction;

    internal bool CoversResource(string resource, bool variablesEnabled, IReadOnlyDictionary<string, IReadOnlyList<string>> context) =>
        _hasResourceElement && Resources.Count > 0 &&
        Resources.Any(r => PolicyVariables.Resolve(r, variablesEnabled, context)?.Matches(resource) == true) != NotResource;

    /// <summary>The first condition that does not hold, or null when all hold.</summary>
    internal ConditionClause? FailingCondition(IReadOnlyDictionary<string, IReadOnlyList<string>> context, bool variablesEnabled) =>
        Conditions.FirstOrDefault(c => !c.Holds(context, variablesEnabled));
}
