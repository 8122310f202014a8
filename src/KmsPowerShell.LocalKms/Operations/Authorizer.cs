using System.Runtime.CompilerServices;
using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>
/// Decides whether the caller may act, as AWS does for KMS: the key's policy, the caller's identity policies and the
/// key's grants in effect (propagated, or whose token came with the request), over the condition keys of the caller,
/// the key and the request, through <see cref="KeyAccessEvaluator"/>.
/// </summary>
internal sealed class Authorizer
{
    // Policies are parsed once per text: a key's Policy string stays the same instance until the policy changes.
    private static readonly ConditionalWeakTable<string, PolicyDocument> Parsed = new();
    private static readonly ConditionalWeakTable<string, PolicyDocument> ParsedIdentityPolicies = new();

    private readonly OperationContext _context;
    private readonly IReadOnlySet<string> _tokenGrantIds;

    public Authorizer(OperationContext context, IReadOnlySet<string> tokenGrantIds)
    {
        _context = context;
        _tokenGrantIds = tokenGrantIds;
    }

    /// <summary>An operation on no key (CreateKey, ListKeys...): the caller's identity policies decide.</summary>
    public void RequireAccountPermission(string action)
    {
        var (request, result) = Decide(action, null, null, null, []);
        Demand(request, result);
    }

    /// <summary>The grant that allowed it, or null when a policy did.</summary>
    public StoredGrant? Require(StoredKey key, string action, IReadOnlyDictionary<string, string>? encryptionContext = null)
    {
        var grants = EffectiveGrants(key).ToList();
        var (request, result) = Decide(action, key, Parse(key.Policy), encryptionContext, grants.Select(Allowance).ToList());
        Demand(request, result);
        _context.NoteAuthorized(key);
        var grantId = result.Statements.FirstOrDefault(s => s.GrantId is not null)?.GrantId;
        return grantId is null ? null : grants.First(g => g.GrantId == grantId);
    }

    /// <summary>Whether the caller could perform the action on the key, without an exception.</summary>
    public bool Allows(StoredKey key, string action) =>
        Decide(action, key, Parse(key.Policy), null, EffectiveGrants(key).Select(Allowance).ToList()).Result.IsAllowed;

    /// <summary>
    /// The policy lockout safety check: whether the caller could still change the key's policy under the given one,
    /// with its own identity policies (grants cannot allow PutKeyPolicy).
    /// </summary>
    public bool CouldStillPutKeyPolicy(StoredKey key, PolicyDocument policy) =>
        Decide("PutKeyPolicy", key, policy, null, []).Result.IsAllowed;

    private (AccessRequest Request, AccessResult Result) Decide(
        string action, StoredKey? key, PolicyDocument? keyPolicy, IReadOnlyDictionary<string, string>? encryptionContext, IReadOnlyList<GrantAllowance> grants)
    {
        var identityPolicies = IdentityPolicies();
        // kms:ResourceAliases costs a pass over every alias: it is filled only when a policy names it.
        var namesAliases = identityPolicies.Append(keyPolicy).Any(p => p?.Text.Contains("ResourceAliases", StringComparison.OrdinalIgnoreCase) == true);
        var request = Request(action, key, encryptionContext, namesAliases);
        return (request, KeyAccessEvaluator.Evaluate(request, keyPolicy, identityPolicies, grants));
    }

    public bool IsGrantee(string principal) =>
        principal == _context.Caller.Principal.PrincipalArn || principal == _context.Caller.Principal.AccountRootArn ||
        principal == PrincipalIdentity.Of(_context.Caller.Principal.PrincipalArn).PolicyArn;

    /// <summary>A key policy parsed, once per text; a stored policy that no longer parses decides nothing.</summary>
    public static PolicyDocument? Parse(string policy) => Parse(policy, Parsed, PolicyDocument.Parse);

    /// <summary>An identity policy parsed, once per text; one that no longer parses allows nothing.</summary>
    public static PolicyDocument? ParseIdentityPolicy(string policy) => Parse(policy, ParsedIdentityPolicies, PolicyDocument.ParseIdentityPolicy);

    private static PolicyDocument? Parse(string policy, ConditionalWeakTable<string, PolicyDocument> cache, Func<string, PolicyDocument> parse)
    {
        if (policy.Length == 0) return null;
        if (cache.TryGetValue(policy, out var parsed)) return parsed;
        try { parsed = parse(policy); }
        catch (PolicyDocumentException) { return null; }
        cache.AddOrUpdate(policy, parsed);
        return parsed;
    }

    private static void Demand(AccessRequest request, AccessResult result)
    {
        if (!result.IsAllowed) throw KmsErrors.AccessDenied(result.DenialMessage(request));
    }

    private AccessRequest Request(string action, StoredKey? key, IReadOnlyDictionary<string, string>? encryptionContext, bool withAliases)
    {
        var principal = _context.Caller.Principal;
        var conditions = new AccessContextBuilder().Caller(principal.PrincipalArn, principal.Tags, _context.Now, _context.Region);
        if (key is not null)
        {
            var tags = key.Tags.ToDictionary(t => t.TagKey, t => t.TagValue, StringComparer.Ordinal);
            var aliases = withAliases
                ? _context.State.Aliases.Values.Where(a => a.TargetKeyId == key.KeyId && a.Account == key.Account && a.Region == key.Region).Select(a => a.AliasName)
                : [];
            conditions.Key(key.KeySpec, key.KeyUsage, key.Origin, key.MultiRegion, key.IsReplica ? "REPLICA" : "PRIMARY", tags, aliases);
        }
        conditions.EncryptionContext(encryptionContext);
        RequestConditions.Add(conditions, action, _context.Request);
        return new AccessRequest
        {
            PrincipalArn = principal.PrincipalArn,
            Action = "kms:" + action,
            Resource = key?.Arn ?? "*",
            ResourceAccount = key?.Account,
            Context = conditions.Build(),
            EncryptionContext = encryptionContext,
        };
    }

    private List<PolicyDocument> IdentityPolicies() =>
        _context.Caller.Principal.EffectiveIdentityPolicies.Select(ParseIdentityPolicy).OfType<PolicyDocument>().ToList();

    private IEnumerable<StoredGrant> EffectiveGrants(StoredKey key) =>
        _context.State.Grants.Values.Where(g =>
            g.KeyArn == key.Arn &&
            (_tokenGrantIds.Contains(g.GrantId) || g.CreationDate + _context.GrantPropagationDelay <= _context.Now));

    private static GrantAllowance Allowance(StoredGrant grant) =>
        new(grant.GrantId, grant.GranteePrincipal, grant.Operations, grant.EncryptionContextEquals, grant.EncryptionContextSubset);
}
