using System.Collections.Concurrent;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using KmsPowerShell.Engine.Errors;

namespace KmsPowerShell.Engine.Session;

/// <summary>One signed KMS client per region, made on first use and shared by every thread; disposed with the session.</summary>
internal sealed class KmsClientPool : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<AmazonKeyManagementServiceClient>> _clients = new(StringComparer.Ordinal);
    private readonly ClientSettings _settings;
    private readonly ConcurrentDictionary<Type, Lazy<IDisposable>> _shared = new();
    private readonly IDisposable? _holds;
    private bool _disposed;

    /// <param name="settings">How to make each client.</param>
    /// <param name="holds">What the session keeps open until it closes (its local KMS).</param>
    public KmsClientPool(ClientSettings settings, IDisposable? holds = null)
    {
        _settings = settings;
        _holds = holds;
    }

    public static KmsClientPool Of(KmsSession session) => (KmsClientPool)session.Clients;

    /// <summary>
    /// The session's one <typeparamref name="T"/>, made on first use and disposed when the session closes, for what
    /// callers keep per session (the message layer's data key cache) without the pool knowing their types.
    /// </summary>
    public T Shared<T>(Func<T> create) where T : class, IDisposable
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (T)_shared.GetOrAdd(typeof(T), _ => new Lazy<IDisposable>(create)).Value;
    }

    /// <summary>The access key of the session's credentials (immediate for the fixed keys a local session signs with).</summary>
    public string CredentialsAccessKeyId() => _settings.Credentials.GetCredentials().AccessKey;

    /// <summary>The session's credentials, for the other AWS clients a command needs (STS for a compliance scan).</summary>
    public AWSCredentials Credentials => _settings.Credentials;

    public AmazonKeyManagementServiceClient For(string region)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RegionName.Require(region, "-Region");
        return _clients.GetOrAdd(region, r => new Lazy<AmazonKeyManagementServiceClient>(() => Create(r))).Value;
    }

    /// <summary>
    /// Runs one KMS call in a region. Credentials are fetched first (the SDK caches them), so a profile whose
    /// SSO token expired or whose role cannot be assumed is reported as that, not as a KMS failure.
    /// </summary>
    public async Task<T> CallAsync<T>(string region, Func<AmazonKeyManagementServiceClient, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var client = For(region);
        // Keys given as they are cannot fail to load; only refreshing credentials (roles, SSO, processes) are fetched first.
        if (_settings.Credentials is not (BasicAWSCredentials or SessionAWSCredentials)) await EnsureCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return await KmsCall.Run(ct => call(client, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _settings.Credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KmsServiceException(KmsCall.CredentialsUnavailable,
                $"The credentials from {_settings.CredentialSource} could not be obtained: {e.Message}", 0, null, e);
        }
    }

    private AmazonKeyManagementServiceClient Create(string region)
    {
        var config = Configure(new AmazonKeyManagementServiceConfig
        {
            UseFIPSEndpoint = _settings.UseFipsEndpoint,
            UseDualstackEndpoint = _settings.UseDualStackEndpoint,
        }, region);
        return new AmazonKeyManagementServiceClient(_settings.Credentials, config);
    }

    /// <summary>
    /// Points an AWS SDK client's configuration where the session's KMS clients go (its endpoint, or its local KMS in
    /// this process), with its retries and timeout: for the other services a command asks (STS for a compliance scan).
    /// </summary>
    public T Configure<T>(T config, string region) where T : ClientConfig
    {
        config.RetryMode = _settings.RetryMode == KmsRetryMode.Adaptive ? RequestRetryMode.Adaptive : RequestRetryMode.Standard;
        config.MaxErrorRetry = Math.Max(0, _settings.MaxAttempts - 1);
        config.Timeout = _settings.Timeout;
        if (_settings.Endpoint is not null)
        {
            config.ServiceURL = _settings.Endpoint.ToString();
            // With an endpoint URL the SDK would sign for us-east-1 whatever the region.
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        config.HttpClientFactory = _settings.HttpClientFactory ?? RemoteKmsHttpClientFactory.Instance;
        return config;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var lazy in _clients.Values)
        {
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        }
        _clients.Clear();
        foreach (var lazy in _shared.Values)
        {
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        }
        _holds?.Dispose();
    }
}

internal sealed record ClientSettings(
    AWSCredentials Credentials,
    string CredentialSource,
    Uri? Endpoint,
    KmsRetryMode RetryMode,
    int MaxAttempts,
    TimeSpan Timeout,
    bool UseFipsEndpoint,
    bool UseDualStackEndpoint,
    // Null: a remote endpoint (RemoteKmsHttpClientFactory).
    HttpClientFactory? HttpClientFactory = null);
