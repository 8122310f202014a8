using Amazon.Runtime;

namespace KmsPowerShell.Engine.Local.Http;

/// <summary>
/// Plugs a local KMS into an AWS SDK client (ClientConfig.HttpClientFactory): every call still goes through the
/// SDK's whole pipeline (marshalling, SigV4 signing, retries, error unmarshalling) and only the socket is skipped.
/// One HttpClient, owned here and shared by every SDK client given this factory.
/// </summary>
public sealed class LocalKmsHttpClientFactory : HttpClientFactory, IDisposable
{
    private readonly HttpClient _client;

    public LocalKmsHttpClientFactory(LocalKmsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Service = service;
        // The SDK enforces its own timeout per request; an HttpClient's Timeout cannot change once it has been used.
        _client = new HttpClient(new LocalKmsHttpMessageHandler(service), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The endpoint to give the SDK client (ServiceURL); it never resolves, as nothing leaves the process.</summary>
    public static Uri Endpoint { get; } = new("https://local-kms.invalid/");

    public LocalKmsService Service { get; }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public void Dispose() => _client.Dispose();
}
