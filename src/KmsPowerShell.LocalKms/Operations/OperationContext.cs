using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>What an operation works with: the request, the caller, the state (already locked) and the time.</summary>
internal sealed class OperationContext
{
    private Authorizer? _authorizer;

    private readonly LocalKmsOptions _options;
    private List<string>? _authorizedKeyArns;

    public OperationContext(KmsState state, RequestReader request, Caller caller, DateTimeOffset now, LocalKmsOptions options, bool canChange)
    {
        State = state;
        Request = request;
        Caller = caller;
        Now = now;
        _options = options;
        Keys = new KeyResolver(state, caller, now, canChange);
        Markers = new MarkerCodec(state.MarkerSecret);
        ImportTokens = new KeyMaterial.ImportTokenCodec(state.ImportTokenSecret);
    }

    public KmsState State { get; }
    public RequestReader Request { get; }
    public Caller Caller { get; }
    public DateTimeOffset Now { get; }
    public TimeSpan GrantPropagationDelay => _options.GrantPropagationDelay;
    public TimeSpan ReplicaCreationDelay => _options.ReplicaCreationDelay;
    public TimeSpan CustomKeyStoreConnectionDelay => _options.CustomKeyStoreConnectionDelay;
    public KeyResolver Keys { get; }

    /// <summary>Whether a key policy may name the principal (see <see cref="Auth.PrincipalDirectory.IsKnownPolicyPrincipal"/>).</summary>
    public Func<string, bool> IsKnownPrincipal { get; init; } = _ => true;
    public MarkerCodec Markers { get; }
    public KeyMaterial.ImportTokenCodec ImportTokens { get; }

    /// <summary>The request's id (x-amzn-RequestId), which last usage records.</summary>
    public string RequestId { get; init; } = "";

    /// <summary>The KMS operation the request names (such as Encrypt), which XKS proxy requests report as kmsOperation.</summary>
    public string OperationName { get; init; } = "";

    /// <summary>The way to the XKS proxies of external key stores.</summary>
    public KeyStores.XksProxyCalls Xks { get; init; } = new();

    /// <summary>The last usage of keys not yet written into the state.</summary>
    public KeyUsageTable KeyUsage { get; init; } = new();

    /// <summary>Every key the caller was allowed to act on in this request, by ARN; the keys a cryptographic operation used.</summary>
    public IReadOnlyList<string> AuthorizedKeyArns => _authorizedKeyArns ?? [];

    public void NoteAuthorized(StoredKey key)
    {
        _authorizedKeyArns ??= [];
        if (!_authorizedKeyArns.Contains(key.Arn)) _authorizedKeyArns.Add(key.Arn);
    }
    public string Region => Caller.Region;
    public string Account => Caller.Account;

    /// <summary>The authorizer; built by <see cref="UseGrantTokens"/>, or with no tokens when an operation takes none.</summary>
    public Authorizer Auth => _authorizer ??= new Authorizer(this, new HashSet<string>());

    /// <summary>Checks the request's grant tokens (InvalidGrantTokenException) and lets their grants count at once.</summary>
    public void UseGrantTokens(IReadOnlyList<string> tokens)
    {
        var grantIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            if (!State.GrantTokens.TryGetValue(token, out var grantId)) throw KmsErrors.InvalidGrantToken();
            grantIds.Add(grantId);
        }
        _authorizer = new Authorizer(this, grantIds);
    }

    /// <summary>Resolves the key a request names and checks the caller may perform the action on it.</summary>
    public StoredKey KeyFor(string keyId, string action, bool allowAlias = false, IReadOnlyDictionary<string, string>? encryptionContext = null)
    {
        var key = allowAlias ? Keys.Resolve(keyId) : Keys.ResolveKey(keyId);
        Auth.Require(key, action, encryptionContext);
        return key;
    }

    public List<string> ReadGrantTokens() => Request.StringList("GrantTokens", 10, 1, 8192);
}
