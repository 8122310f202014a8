using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// Asks the local KMS's policy evaluator what a key's policy lets a principal do, so the policy checks decide access
/// the way KMS does (Deny wins, conditions, NotPrincipal, account delegation) instead of matching patterns. A request
/// carries the condition keys every request has (the caller's aws:Principal* and kms:CallerAccount, the time, the
/// key's kms:KeySpec, tags and aliases) and none a caller chooses (no encryption context, no kms:ViaService, no source
/// IP), so a condition on such a key counts as restricting.
/// </summary>
internal sealed class KeyPolicyProbe
{
    /// <summary>A principal whose own IAM policies allow everything: what a key policy lets it do is what it can do.</summary>
    private static readonly IReadOnlyList<PolicyDocument> AllowsEverything =
        [PolicyDocument.ParseIdentityPolicy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")];

    private readonly KeySnapshot _key;
    private readonly ComplianceSettings _settings;
    private readonly JsonArray? _statements;

    private KeyPolicyProbe(KeySnapshot key, PolicyDocument policy, ComplianceSettings settings)
    {
        _key = key;
        Policy = policy;
        _settings = settings;
        _statements = JsonNode.Parse(policy.Text)?["Statement"] switch
        {
            JsonArray array => array,
            JsonObject single => [single.DeepClone()],
            _ => null,
        };
    }

    public PolicyDocument Policy { get; }

    /// <summary>A probe of the key's policy; null when no policy check applies (not a live customer key, policy not read, or not parsable).</summary>
    public static KeyPolicyProbe? For(KeySnapshot key, ComplianceSettings settings) =>
        CheckFacts.IsLiveCustomerKey(key) && key.Policy is not null && Parse(key.Policy).Policy is { } policy
            ? new KeyPolicyProbe(key, policy, settings)
            : null;

    /// <summary>The parsed policy, or the parser's message saying why it cannot be evaluated.</summary>
    public static (PolicyDocument? Policy, string? Fault) Parse(string policy)
    {
        try
        {
            return (PolicyDocument.Parse(policy), null);
        }
        catch (PolicyDocumentException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>A principal no policy names: "arn:aws:iam::ACCOUNT:user/kms-compliance-probe".</summary>
    public string ProbeUser(string account) => $"arn:{Partition}:iam::{account}:user/kms-compliance-probe";

    /// <summary>An account that is neither the key's nor trusted nor named by the policy: anyone at all.</summary>
    public string UnrelatedAccount()
    {
        for (var id = 999_999_999_999L; ; id--)
        {
            var account = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!CheckFacts.IsTrusted(account, _key, _settings) && !Policy.NamedPrincipals.Any(p => CheckFacts.AccountOf(p) == account)) return account;
        }
    }

    /// <summary>The actions on keys the key policy lets <paramref name="principal"/> do, and the statements that allowed them.</summary>
    /// <param name="principal">The caller's ARN.</param>
    /// <param name="withAllowingIdentityPolicy">Give the principal IAM policies that allow everything (for a principal of another account, which needs them).</param>
    /// <param name="actions">The actions to ask about; every action on keys when null.</param>
    public Allowance Allowed(string principal, bool withAllowingIdentityPolicy, IEnumerable<string>? actions = null)
    {
        var allowed = new List<string>();
        var statements = new List<DecidingStatement>();
        var context = RequestContext(principal);
        foreach (var action in actions ?? KmsActions.OnKeys)
        {
            var request = new AccessRequest
            {
                PrincipalArn = principal,
                Action = action,
                Resource = _key.Key.KeyArn,
                ResourceAccount = CheckFacts.OwnAccount(_key),
                Context = context,
            };
            var result = KeyAccessEvaluator.Evaluate(request, Policy, withAllowingIdentityPolicy ? AllowsEverything : [], []);
            if (!result.IsAllowed) continue;
            allowed.Add(action);
            statements.AddRange(result.Statements.Where(s => s.Source == "KeyPolicy" && !statements.Contains(s)));
        }
        return new Allowance(allowed, statements);
    }

    /// <summary>The key policy statements, as JSON, that allowed what <paramref name="allowance"/> lists.</summary>
    public string Evidence(Allowance allowance) => string.Join("; ", allowance.Statements.Select(s =>
        $"key policy statement {(s.Sid is { Length: > 0 } ? $"'{s.Sid}'" : $"#{s.StatementIndex}")}: {StatementText(s.StatementIndex)}"));

    private string StatementText(int index) =>
        _statements is not null && index < _statements.Count ? _statements[index]?.ToJsonString() ?? "" : "";

    private IReadOnlyDictionary<string, IReadOnlyList<string>> RequestContext(string principal)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in _key.Tags) tags[tag.TagKey] = tag.TagValue;
        var aliases = _key.Aliases.Count > 0 ? _key.Aliases.Select(a => a.AliasName) : _key.Key.Aliases;
        return new AccessContextBuilder()
            .Caller(principal, null, _settings.Now, _key.Key.Region)
            .Key(_key.Key.KeySpec, _key.Key.KeyUsage, _key.Key.Origin, _key.Key.MultiRegion, _key.Key.MultiRegionKeyType, tags, aliases)
            .Build();
    }

    private string Partition => _key.Key.KeyArn.Split(':') is { Length: > 1 } parts && parts[1].Length > 0 ? parts[1] : "aws";
}

/// <summary>What a key policy lets a principal do: the actions, and the key policy statements that allowed them.</summary>
internal sealed record Allowance(IReadOnlyList<string> Actions, IReadOnlyList<DecidingStatement> Statements)
{
    public bool Any => Actions.Count > 0;

    /// <summary>The actions for a sentence: all of them, or the first few and how many more.</summary>
    public string ActionList(int shown = 4) =>
        Actions.Count <= shown ? string.Join(", ", Actions) : $"{string.Join(", ", Actions.Take(shown))} and {Actions.Count - shown} more";
}
