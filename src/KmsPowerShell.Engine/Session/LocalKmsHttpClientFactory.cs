using Amazon.Runtime;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.Engine.Session;

/// <summary>
/// Plugs a local KMS into an AWS SDK client (ClientConfig.HttpClientFactory): every call still goes through the
/// SDK's whole pipeline (marshalling, SigV4 signing, retries, error unmarshalling) and only the socket is skipped.
/// The emulator knows nothing of the SDK; this adapter is the client's side of the seam.
/// </summary>
public sealed class LocalKmsHttpClientFactory : HttpClientFactory, IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>A factory with an HttpClient of its own over <paramref name="service"/>, disposed with the factory.</summary>
    public LocalKmsHttpClientFactory(LocalKmsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _client = LocalKmsHttpMessageHandler.CreateClient(service);
        _ownsClient = true;
    }

    /// <summary>A factory over an instance's shared HttpClient, which the instance owns.</summary>
    public LocalKmsHttpClientFactory(LocalKmsInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _client = instance.HttpClient;
    }

    /// <summary>The endpoint to give the SDK client (ServiceURL); it never resolves, as nothing leaves the process.</summary>
    public static Uri Endpoint { get; } = new("https://local-kms.invalid/");

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }
}
