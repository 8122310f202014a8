namespace KmsPowerShell;

/// <summary>
/// The settings every KMS cmdlet works with, and a cache of one signed client per region.
/// Made by Connect-Kms, or from the standard AWS chain by the first cmdlet that needs one.
/// </summary>
public sealed class KmsSession : IDisposable
{
    private readonly IDisposable _clients;
    private int _disposed;

    internal KmsSession(KmsSessionDescription description, IDisposable clients)
    {
        Description = description;
        _clients = clients;
    }

    internal KmsSessionDescription Description { get; }

    /// <summary>The region cmdlets use when they are not given -Region.</summary>
    public string Region => Description.Region;

    /// <summary>Where the region came from: parameter, AWS_REGION, profile, ...</summary>
    public string RegionSource => Description.RegionSource;

    /// <summary>The shared config profile in use, if any.</summary>
    public string? ProfileName => Description.ProfileName;

    /// <summary>Where the credentials came from: parameter, environment, profile (and its kind), container, instance.</summary>
    public string CredentialSource => Description.CredentialSource;

    /// <summary>The endpoint URL that replaces the regional KMS endpoint, if any.</summary>
    public string? EndpointUrl => Description.EndpointUrl;

    /// <summary>Standard or Adaptive.</summary>
    public string RetryMode => Description.RetryMode;

    /// <summary>How many times a call is tried, the first included.</summary>
    public int MaxAttempts => Description.MaxAttempts;

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan Timeout => Description.Timeout;

    /// <summary>True when calls go to FIPS endpoints.</summary>
    public bool UseFipsEndpoint => Description.UseFipsEndpoint;

    /// <summary>True when calls go to dual-stack (IPv6) endpoints.</summary>
    public bool UseDualStackEndpoint => Description.UseDualStackEndpoint;

    /// <summary>When the session was made.</summary>
    public DateTimeOffset CreatedAt => Description.CreatedAt;

    /// <summary>True for a session on the local KMS (Connect-Kms -Local).</summary>
    public bool IsLocal => Description.IsLocal;

    /// <summary>The file a local session's KMS keeps its state in; empty when it lives in memory.</summary>
    public string? LocalStatePath => Description.LocalStatePath;

    /// <summary>True once Disconnect-Kms (or Dispose) has closed the session.</summary>
    public bool IsClosed => Volatile.Read(ref _disposed) != 0;

    internal IDisposable Clients
    {
        get
        {
            if (IsClosed) throw new ObjectDisposedException(nameof(KmsSession), "This KMS session is closed. Run Connect-Kms to open a new one.");
            return _clients;
        }
    }

    /// <summary>Closes the session and disposes its clients.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _clients.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"KmsSession {Region} ({CredentialSource})";
}

/// <summary>What a session was resolved to; the public face of KmsSession reads from it.</summary>
internal sealed record KmsSessionDescription(
    string Region,
    string RegionSource,
    string? ProfileName,
    string CredentialSource,
    string? EndpointUrl,
    string RetryMode,
    int MaxAttempts,
    TimeSpan Timeout,
    bool UseFipsEndpoint,
    bool UseDualStackEndpoint,
    DateTimeOffset CreatedAt)
{
    public bool IsLocal { get; init; }

    public string? LocalStatePath { get; init; }
}
