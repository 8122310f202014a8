using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Auth;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Sends XKS proxy API requests, signed with SigV4 for the service "kms-xks-proxy" in the store's region with the
/// store's XksProxyAuthenticationCredential, as KMS sends them. Only a loopback proxy is called: any other endpoint is
/// not reachable from the local KMS, and no connection ever leaves this machine. The local KMS's one outgoing call.
/// </summary>
internal static class XksProxyClient
{
    public const string ServiceName = "kms-xks-proxy";

    /// <summary>
    /// How long one call may take. AWS gives a proxy 250 ms; the local KMS waits longer, so that a test proxy on a
    /// busy machine is not taken for a dead one, but never so long that a request seems to hang.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ConnectCallback = ConnectToLoopbackAsync,
    })
    { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public static XksProxyAnswer Send(XksProxyCall call, DateTimeOffset now, CancellationToken cancellation)
    {
        if (!CustomKeyStoreSettings.IsLoopback(call.Endpoint)) return new(XksProxyOutcome.Unreachable, 0, null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = Client.Send(Request(call, now), HttpCompletionOption.ResponseContentRead, timeout.Token);
            using var stream = response.Content.ReadAsStream(timeout.Token);
            JsonObject? body;
            try { body = JsonNode.Parse(stream) as JsonObject; }
            catch (JsonException) { body = null; }
            return new(XksProxyOutcome.Answered, (int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new(XksProxyOutcome.TimedOut, 0, null);
        }
        catch (HttpRequestException)
        {
            return new(XksProxyOutcome.Unreachable, 0, null);
        }
    }

    private static HttpRequestMessage Request(XksProxyCall call, DateTimeOffset now)
    {
        var uri = call.Uri;
        var body = Encoding.UTF8.GetBytes(call.Body);
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = host, ["x-amz-date"] = amzDate };
        var signedHeaders = new[] { "host", "x-amz-date" };
        var canonical = SigV4CanonicalRequest.Build(new LocalKmsRequest("POST", uri.AbsolutePath, "", headers, body), signedHeaders, SigV4CanonicalRequest.Hash(body));
        var scope = new SigV4Scope(amzDate[..8], call.Region, ServiceName);
        var signature = SigV4Scope.Sign(call.SecretAccessKey, scope, amzDate, canonical);

        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={call.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={Convert.ToHexString(signature).ToLowerInvariant()}");
        return request;
    }

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellation).ConfigureAwait(false);
        var loopback = addresses.FirstOrDefault(IPAddress.IsLoopback) ?? throw new HttpRequestException("The local KMS calls only loopback XKS proxies.");
        var socket = new Socket(loopback.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(loopback, context.DnsEndPoint.Port), cancellation).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
