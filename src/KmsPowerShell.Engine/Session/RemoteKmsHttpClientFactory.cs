using System.Net;
using Amazon;
using Amazon.Runtime;

namespace KmsPowerShell.Engine.Session;

/// <summary>
/// The HTTP client of every SDK client that reaches a KMS endpoint over the network: the SDK's own settings (connect
/// timeout, connections per server, request timeout, no decompression), with two differences. A request to an http://
/// endpoint never goes through a proxy, as the proxy would get the signed request and its plaintext in clear text;
/// https:// endpoints use the proxy .NET would (HTTPS_PROXY, ALL_PROXY, NO_PROXY; the system's settings on Windows and
/// macOS). And a redirect is never followed (KMS never redirects): it comes back as the error it is.
/// </summary>
internal sealed class RemoteKmsHttpClientFactory : HttpClientFactory
{
    public static RemoteKmsHttpClientFactory Instance { get; } = new();

    /// <summary>
    /// Makes it the default of every SDK client this module's AWSSDK copy builds, so the STS, SSO and SSO OIDC clients
    /// the SDK makes itself for credentials (a role, an SSO profile, web identity) follow the same rules.
    /// </summary>
    public static void ForEverySdkClient() => AWSConfigs.HttpClientFactory = Instance;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var configured = clientConfig.GetWebProxy();
        if (configured is not null && clientConfig.ProxyCredentials is not null) configured.Credentials = clientConfig.ProxyCredentials;
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = true,
            Proxy = new HttpsOnlyProxy(configured ?? HttpClient.DefaultProxy),
        };
        if (clientConfig.ConnectTimeout is { } connectTimeout) handler.ConnectTimeout = connectTimeout;
        if (clientConfig.MaxConnectionsPerServer is { } connections) handler.MaxConnectionsPerServer = connections;
        var client = new HttpClient(handler);
        if (clientConfig.Timeout is { } timeout) client.Timeout = timeout;
        return client;
    }
}
