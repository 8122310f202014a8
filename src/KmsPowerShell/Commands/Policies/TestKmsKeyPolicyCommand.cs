using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.LocalKms.Access;
using PolicyDocument = KmsPowerShell.LocalKms.Access.PolicyDocument;

namespace KmsPowerShell.Commands.Policies;

/// <summary>
/// Decides, with the local KMS's policy evaluator, whether a principal may perform actions on a key: under the key's
/// own policy, tags and grants (-KeyId, read through the session) or under a policy document (-Policy, -PolicyPath),
/// offline. One KmsPolicyDecision per principal and action.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "KmsKeyPolicy", DefaultParameterSetName = KeySet)]
[OutputType(typeof(KmsPolicyDecision))]
public sealed class TestKmsKeyPolicyCommand : KmsRegionCmdlet
{
    private const string KeySet = "KeyId";
    private const string TextSet = "Policy";
    private const string PathSet = "PolicyPath";
    private string[] _actions = [];
    private IReadOnlyDictionary<string, string> _encryptionContext = new Dictionary<string, string>();
    private IReadOnlyDictionary<string, string>? _principalTags;
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _extraContext = new Dictionary<string, IReadOnlyList<string>>();
    private IReadOnlyList<PolicyDocument>? _identityPolicies;
    private PolicyDocument? _offlinePolicy;

    /// <summary>The keys whose policy, tags and grants decide: key ids, ARNs, alias names or KmsKey objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TargetKeyId")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    [ValidateNotNullOrEmpty]
    public KmsKeyReference[] KeyId { get; set; } = [];

    /// <summary>A key policy as JSON text, decided offline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet)]
    [ValidateNotNullOrEmpty]
    public string Policy { get; set; } = "";

    /// <summary>A file that holds a key policy, decided offline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string PolicyPath { get; set; } = "";

    /// <summary>The key the offline policy would be attached to: its ARN gives the resource, account and region.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet)]
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidatePattern(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/\S+$")]
    public string KeyArn { get; set; } = "";

    /// <summary>The principals whose requests are decided: user, role, account root or assumed-role session ARNs.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(PolicyPrincipalCompleter))]
    [ValidatePattern(@"^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:\S+$")]
    public string[] PrincipalArn { get; set; } = [];

    /// <summary>The actions, as kms:Decrypt or Decrypt; every action on keys when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(KmsActionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Action { get; set; }

    /// <summary>The encryption context of the request (kms:EncryptionContext:*, grant constraints).</summary>
    [Parameter]
    public Hashtable? EncryptionContext { get; set; }

    /// <summary>The principals' IAM identity policies, as JSON texts.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IdentityPolicy { get; set; }

    /// <summary>The principals' tags (aws:PrincipalTag/*).</summary>
    [Parameter]
    public Hashtable? PrincipalTag { get; set; }

    /// <summary>More condition keys and their values, such as @{ 'kms:ViaService' = 's3.us-east-1.amazonaws.com' }.</summary>
    [Parameter]
    public Hashtable? Context { get; set; }

    /// <summary>Grant tokens of the request. Every grant ListGrants returns counts as in effect, as with its token.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? GrantToken { get; set; }

    protected override void BeginProcessing()
    {
        try
        {
            _actions = PolicyAccessInputs.Actions(Action);
            _encryptionContext = ContextTable.From(EncryptionContext);
            _principalTags = PrincipalTag is null ? null : ContextTable.From(PrincipalTag, "-PrincipalTag");
            _extraContext = PolicyAccessInputs.ConditionKeys(Context);
            _identityPolicies = IdentityPolicy is null ? null : [.. IdentityPolicy.Select((text, i) => PolicyAccessInputs.ParseIdentity(text, $"Identity policy {i}"))];
            if (ParameterSetName != KeySet) _offlinePolicy = PolicyAccessInputs.Parse(OfflinePolicyText());
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, ParameterSetName == PathSet ? PolicyPath : null);
        }
    }

    protected override void ProcessRecord()
    {
        if (_offlinePolicy is not null)
        {
            WriteDecisions(new KeyAccessCheck(new KeyFacts(KeyArn), [], TimeProvider.System.GetUtcNow()) { ExtraContext = _extraContext }, _offlinePolicy);
            return;
        }
        foreach (var reference in KeyId)
        {
            try
            {
                var (check, policy) = FetchKey(reference);
                WriteDecisions(check, policy, ActiveSession);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, reference.Value);
            }
        }
    }

    private void WriteDecisions(KeyAccessCheck check, PolicyDocument policy, KmsSession? session = null)
    {
        foreach (var principal in PrincipalArn)
        {
            var subject = Subject(principal, session);
            foreach (var action in _actions) WriteObject(check.Decide(policy, subject, action, _encryptionContext));
        }
    }

    /// <summary>
    /// The principal with -IdentityPolicy and -PrincipalTag; without them, a principal of the session's local KMS has
    /// the identity policies and tags it has there, and any other none.
    /// </summary>
    private AccessSubject Subject(string principalArn, KmsSession? session)
    {
        var local = LocalPrincipalFacts.Find(session, principalArn) is { } known ? LocalPrincipalFacts.Subject(known) : null;
        return new AccessSubject(principalArn, _identityPolicies ?? local?.IdentityPolicies ?? [], _principalTags ?? local?.Tags);
    }

    /// <summary>The key's policy, details, tags and (when the caller may list them) grants, read through the session.</summary>
    private (KeyAccessCheck, PolicyDocument) FetchKey(KmsKeyReference reference)
    {
        var key = reference.Key ?? Await(new KmsKeyReader(ActiveSession).GetAsync(KeyRequest.For(reference.Value, RegionOrDefault(Region)), CancellationToken));
        var request = new KeyRequest(key.KeyId, key.Region);
        var policy = PolicyAccessInputs.Parse(Await(new KmsPolicyAdmin(ActiveSession).GetAsync(request, "default", CancellationToken)));
        var tags = Optional("tags", () => Await(new KmsTagAdmin(ActiveSession).ListAsync(request, key.Arn, CancellationToken))) ?? [];
        var grants = Optional("grants", () => Await(new KmsGrantAdmin(ActiveSession).ListAsync(request, null, null, CancellationToken))) ?? [];
        var facts = new KeyFacts(key.Arn) { Key = key, Tags = tags.ToDictionary(t => t.TagKey, t => t.TagValue, StringComparer.Ordinal) };
        return (new KeyAccessCheck(facts, [.. grants.Select(PolicyAccessInputs.Allowance)], TimeProvider.System.GetUtcNow()) { ExtraContext = _extraContext }, policy);
    }

    /// <summary>What the caller may not read is left out with a warning: the decision is made without it.</summary>
    private IReadOnlyList<T>? Optional<T>(string what, Func<IReadOnlyList<T>> read)
    {
        try
        {
            return read();
        }
        catch (KmsServiceException e) when (e.ErrorCode == "AccessDeniedException")
        {
            WriteWarning($"The caller may not list the key's {what}: decided without them.");
            return null;
        }
    }

    private string OfflinePolicyText() => ParameterSetName == TextSet ? Policy : PolicyText.ReadFile(this, PolicyPath);
}
