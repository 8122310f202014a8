using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
internal sealed partial class KeyPolicyProbe
{
    /// <summary>A principal whose own IAM policies allow everything: what a key policy lets it do is what it can do.</summary>
    private static readonly IReadOnlyList<PolicyDocument> AllowsEverything =
        [PolicyDocument.ParseIdentityPolicy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")];

    /// <summary>The probe of each key's policy, parsed once for all the policy checks of a scan.</summary>
    private static readonly ConditionalWeakTable<KeySnapshot, Parsed> ParsedPolicies = [];

    private readonly KeySnapshot _key;
    private readonly ComplianceSettings _settings;
    private readonly Lazy<JsonArray?> _statements;

    private KeyPolicyProbe(KeySnapshot key, PolicyDocument policy, ComplianceSettings settings)
    {
        _key = key;
        Policy = policy;
        _settings = settings;
        _statements = new(() => JsonNode.Parse(policy.Text)?["Statement"] switch
        {
            JsonArray array => array,
            JsonObject single => [single.DeepClone()],
            _ => null,
        });
    }

    public PolicyDocument Policy { get; }

    /// <summary>A probe of the key's policy; null when no policy check applies (not a live customer key, policy not read, or not parsable).</summary>
    public static KeyPolicyProbe? For(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || key.Policy is null) return null;
        var parsed = ParseOnce(key);
        if (parsed.Policy is null) return null;
        if (parsed.Probe is { } probe && ReferenceEquals(probe._settings, settings)) return probe;
        return parsed.Probe = new KeyPolicyProbe(key, parsed.Policy, settings);
    }

    /// <summary>Why the key's policy cannot be evaluated (the parser's message); null when it parses or was not read.</summary>
    public static string? Fault(KeySnapshot key) => key.Policy is null ? null : ParseOnce(key).Fault;

    private static Parsed ParseOnce(KeySnapshot key) => ParsedPolicies.GetValue(key, snapshot =>
    {
        try
        {
            return new Parsed(PolicyDocument.Parse(snapshot.Policy!), null);
        }
        catch (PolicyDocumentException e)
        {
            return new Parsed(null, e.Message);
        }
    });

    private sealed class Parsed(PolicyDocument? policy, string? fault)
    {
        public PolicyDocument? Policy { get; } = policy;
        public string? Fault { get; } = fault;
        public KeyPolicyProbe? Probe { get; set; }
    }

    /// <summary>A principal no policy names: "arn:aws:iam::ACCOUNT:user/kms-compliance-probe".</summary>
    public string ProbeUser(string account) => $"arn:{Partition}:iam::{account}:user/kms-compliance-probe";

    /// <summary>An account that is neither the key's nor trusted nor mentioned by the policy: anyone at all.</summary>
    public string UnrelatedAccount()
    {
        var mentioned = MentionedAccounts();
        for (var id = 999_999_999_999L; ; id--)
        {
            var account = id.ToString(CultureInfo.InvariantCulture);
            if (!CheckFacts.IsTrusted(account, _key, _settings) && !mentioned.Contains(account)) return account;
        }
    }

    /// <summary>
    /// The accounts the policy could let in: those of the principals it names, and any account id in its text (a
    /// wildcard principal with a kms:CallerAccount or aws:PrincipalAccount condition names no principal). Only
    /// candidates: the evaluator decides whether their principals are allowed anything.
    /// </summary>
    public IReadOnlySet<string> MentionedAccounts() =>
        Policy.NamedPrincipals.Select(CheckFacts.AccountOf).OfType<string>()
            .Concat(AccountId().Matches(Policy.Text).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(?<![0-9])[0-9]{12}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();

    /// <summary>The actions on keys the key policy lets <paramref name="principal"/> do, and the statements that allowed them.</summary>
    /// <param name="principal">The caller's ARN.</param>
    /// <param name="withAllowingIdentityPolicy">Give the principal IAM policies that allow everything (for a principal of another account, which needs them).</param>
    /// <param name="actions">The actions to ask about; when null, every action on keys that an Allow statement which could apply to the principal covers.</param>
    /// <param name="untilDenied">Stop at the first action not allowed (to ask whether all are).</param>
    public Allowance Allowed(string principal, bool withAllowingIdentityPolicy, IEnumerable<string>? actions = null, bool untilDenied = false)
    {
        var allowed = new List<string>();
        var statements = new List<DecidingStatement>();
        IReadOnlyDictionary<string, IReadOnlyList<string>>? context = null;
        foreach (var action in actions ?? ActionsAllowedToAccount(CheckFacts.AccountOf(principal)))
        {
            var request = new AccessRequest
            {
                PrincipalArn = principal,
                Action = action,
                Resource = _key.Key.KeyArn,
                ResourceAccount = CheckFacts.OwnAccount(_key),
                Context = context ??= RequestContext(principal),
            };
            var result = KeyAccessEvaluator.Evaluate(request, Policy, withAllowingIdentityPolicy ? AllowsEverything : [], []);
            if (!result.IsAllowed)
            {
                if (untilDenied) break;
                continue;
            }
            allowed.Add(action);
            statements.AddRange(result.Statements.Where(s => s.Source == "KeyPolicy" && !statements.Contains(s)));
        }
        return new Allowance(allowed, statements);
    }

    /// <summary>
    /// The actions on keys that an Allow statement could give a principal of <paramref name="account"/>: one naming
    /// "*", using NotPrincipal, or naming a principal of that account. Any other action the evaluator would deny, so it
    /// is not asked about (the evaluator still decides each one asked).
    /// </summary>
    private IEnumerable<string> ActionsAllowedToAccount(string? account)
    {
        var statements = Policy.Statements
            .Where(s => !s.IsDeny && (s.NotPrincipal || s.Principals.Any(p => p == "*" || CheckFacts.AccountOf(p) == account)))
            .ToList();
        return KmsActions.OnKeys.Where(action => statements.Any(s => s.CoversAction(action)));
    }

    /// <summary>The key policy statements, as JSON, that allowed what <paramref name="allowance"/> lists.</summary>
    public string Evidence(Allowance allowance) => string.Join("; ", allowance.Statements.Select(s =>
        $"key policy statement {(s.Sid is { Length: > 0 } ? $"'{s.Sid}'" : $"#{s.StatementIndex}")}: {StatementText(s.StatementIndex)}"));

    private string StatementText(int index) =>
        _statements.Value is { } statements && index < statements.Count ? statements[index]?.ToJsonString() ?? "" : "";

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

    private string Partition => KmsPartition.OfArnOrAws(_key.Key.KeyArn);
}

/// <summary>What a key policy lets a principal do: the actions, and the key policy statements that allowed them.</summary>
internal sealed record Allowance(IReadOnlyList<string> Actions, IReadOnlyList<DecidingStatement> Statements)
{
    public bool Any => Actions.Count > 0;

    /// <summary>The actions for a sentence: all of them, or the first few and how many more.</summary>
    public string ActionList(int shown = 4) =>
        Actions.Count <= shown ? string.Join(", ", Actions) : $"{string.Join(", ", Actions.Take(shown))} and {Actions.Count - shown} more";
}
