using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell;

/// <summary>What the condition keys of a request read about the key: its ARN and, when it was fetched, its details.</summary>
internal sealed record KeyFacts(string KeyArn)
{
    public KmsKey? Key { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The account that owns the key: the fifth field of its ARN.</summary>
    public string Account => KeyArn.Split(':') is { Length: > 4 } parts ? parts[4] : "";

    public string? Region => KeyArn.Split(':') is { Length: > 3 } parts && parts[3].Length > 0 ? parts[3] : null;
}

/// <summary>Who asks: the principal, its identity (IAM) policies, and its tags (aws:PrincipalTag/*).</summary>
internal sealed record AccessSubject(string PrincipalArn, IReadOnlyList<PolicyDocument> IdentityPolicies, IReadOnlyDictionary<string, string>? Tags = null)
{
    /// <summary>A principal judged by the key policy alone: no identity policy is known for it.</summary>
    public static AccessSubject KeyPolicyAlone(string principalArn) => new(principalArn, []);
}

/// <summary>One principal gaining or losing one action when a key policy is replaced.</summary>
internal sealed record AccessChange(string PrincipalArn, string Action, bool Gains);

/// <summary>
/// Decides KMS requests on one key with the local KMS's evaluator: Test-KmsKeyPolicy's decisions and
/// Set-KmsKeyPolicy -WhatIf's changes both come from here. Requests get their condition keys from
/// <see cref="AccessContextBuilder"/>, as the local KMS builds them.
/// </summary>
internal sealed class KeyAccessCheck(KeyFacts key, IReadOnlyList<GrantAllowance> grants, DateTimeOffset now)
{
    /// <summary>Condition keys given by the user (-Context), set over those built from the request.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExtraContext { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public AccessRequest Request(AccessSubject subject, string action, IReadOnlyDictionary<string, string>? encryptionContext)
    {
        var builder = new AccessContextBuilder().Caller(subject.PrincipalArn, subject.Tags, now, key.Region);
        if (key.Key is { } details)
        {
            builder.Key(details.KeySpec, details.KeyUsage, details.Origin, details.MultiRegion,
                details.MultiRegionKeyType.Length > 0 ? details.MultiRegionKeyType : null, key.Tags, details.Aliases);
        }
        else
        {
            builder.ResourceTags(key.Tags);
        }
        builder.EncryptionContext(encryptionContext);
        foreach (var (name, values) in ExtraContext) builder.Set(name, values);
        return new AccessRequest
        {
            PrincipalArn = subject.PrincipalArn,
            Action = action,
            Resource = key.KeyArn,
            ResourceAccount = key.Account,
            Context = builder.Build(),
            EncryptionContext = encryptionContext is { Count: > 0 } ? encryptionContext : null,
        };
    }

    public KmsPolicyDecision Decide(PolicyDocument keyPolicy, AccessSubject subject, string action, IReadOnlyDictionary<string, string>? encryptionContext)
    {
        var request = Request(subject, action, encryptionContext);
        var result = KeyAccessEvaluator.Evaluate(request, keyPolicy, subject.IdentityPolicies, grants);
        return new KmsPolicyDecision(subject.PrincipalArn, action, key.KeyArn, (KmsAccessDecision)(int)result.Decision, result.Reason)
        {
            DecidingStatements = [.. result.Statements.Select(Label)],
            PolicyKind = result.PolicyKind,
            DenialMessage = result.IsAllowed ? null : result.DenialMessage(request),
        };
    }

    /// <summary>
    /// The key actions each subject may perform under one policy and not the other (no encryption context, so a
    /// statement that requires one counts as not allowing).
    /// </summary>
    public IReadOnlyList<AccessChange> Changes(PolicyDocument before, PolicyDocument after, IEnumerable<AccessSubject> subjects)
    {
        var changes = new List<AccessChange>();
        foreach (var subject in subjects)
        {
            foreach (var action in KmsActions.OnKeys)
            {
                var was = Decide(before, subject, action, null).IsAllowed;
                var now = Decide(after, subject, action, null).IsAllowed;
                if (was != now) changes.Add(new AccessChange(subject.PrincipalArn, action, now));
            }
        }
        return changes;
    }

    /// <summary>The AWS principals either policy names (not "*"), in order, with <paramref name="also"/> first.</summary>
    public static IReadOnlyList<string> PrincipalsNamed(IEnumerable<string> also, params PolicyDocument[] policies) =>
        [.. also.Concat(policies.SelectMany(p => p.NamedPrincipals)).Where(p => p != "*").Distinct(StringComparer.Ordinal)];

    /// <summary>One line per principal and direction: "ARN gains kms:A, kms:B (how judged)".</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<AccessChange> changes, Func<string, string> judgedBy) =>
        [.. changes.GroupBy(c => (c.PrincipalArn, c.Gains))
            .Select(g => $"{g.Key.PrincipalArn} {(g.Key.Gains ? "gains" : "loses")} {string.Join(", ", g.Select(c => c.Action))} ({judgedBy(g.Key.PrincipalArn)})")];

    /// <summary>How DecidingStatements names a statement: the key policy's by Sid (or #index), others with their source.</summary>
    internal static string Label(DecidingStatement statement) => statement switch
    {
        { GrantId: { } grantId } => $"Grant:{grantId}",
        { Source: "IdentityPolicy" } => $"Identity[{statement.PolicyIndex}]:{SidOrIndex(statement)}",
        _ => SidOrIndex(statement),
    };

    private static string SidOrIndex(DecidingStatement statement) => statement.Sid is { Length: > 0 } sid ? sid : $"#{statement.StatementIndex}";
}
