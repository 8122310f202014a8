using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// The XKS proxy API's GetHealthStatus (POST {UriPath}/health), signed with SigV4 for the service "kms-xks-proxy" with
/// the store's XksProxyAuthenticationCredential, as KMS calls it. Only a loopback proxy is called: any other endpoint
/// is not reachable from the local KMS, and no connection ever leaves this machine.
/// </summary>
internal static class XksProxyHealth
{
    public const string ServiceName = "kms-xks-proxy";

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ConnectCallback = ConnectToLoopbackAsync,
    })
    { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The ConnectionErrorCode the proxy's answer gives, or null when it says the store can connect.</summary>
    public static string? Check(StoredCustomKeyStore store, string kmsOperation, DateTimeOffset now)
    {
        if (store.XksProxyUriEndpoint is null || !CustomKeyStoreSettings.IsLoopback(store.XksProxyUriEndpoint)) return "XKS_PROXY_NOT_REACHABLE";
        try
        {
            using var response = Client.Send(Request(store, kmsOperation, now));
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return "XKS_PROXY_ACCESS_DENIED";
            if (response.StatusCode != HttpStatusCode.OK) return "XKS_PROXY_INVALID_RESPONSE";
            using var stream = response.Content.ReadAsStream();
            return HealthyFleet(JsonNode.Parse(stream)) switch
            {
                null => "XKS_PROXY_INVALID_RESPONSE",
                false => "XKS_PROXY_NOT_REACHABLE",
                true => null,
            };
        }
        catch (TaskCanceledException) { return "XKS_PROXY_TIMED_OUT"; }
        catch (HttpRequestException) { return "XKS_PROXY_NOT_REACHABLE"; }
        catch (JsonException) { return "XKS_PROXY_INVALID_RESPONSE"; }
    }

    /// <summary>Whether an external key manager is ACTIVE or DEGRADED (false: all UNAVAILABLE); null for an answer not of the spec.</summary>
    private static bool? HealthyFleet(JsonNode? answer)
    {
        if (answer?["ekmFleetDetails"] is not JsonArray fleet || fleet.Count == 0) return null;
        var states = fleet.Select(e => (e?["healthStatus"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? e!["healthStatus"]!.GetValue<string>() : null).ToList();
        if (states.Any(s => s is not ("ACTIVE" or "DEGRADED" or "UNAVAILABLE"))) return null;
        return states.Any(s => s != "UNAVAILABLE");
    }

    private static HttpRequestMessage Request(StoredCustomKeyStore store, string kmsOperation, DateTimeOffset now)
    {
        var uri = new Uri(store.XksProxyUriEndpoint!.TrimEnd('/') + store.XksProxyUriPath + "/health");
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["requestMetadata"] = new JsonObject { ["kmsRequestId"] = Guid.NewGuid().ToString(), ["kmsOperation"] = kmsOperation },
        });
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = host, ["x-amz-date"] = amzDate };
        var signedHeaders = new[] { "host", "x-amz-date" };
        var canonical = SigV4CanonicalRequest.Build(new LocalKmsRequest("POST", uri.AbsolutePath, "", headers, body), signedHeaders, SigV4CanonicalRequest.Hash(body));
        var scope = new SigV4Scope(amzDate[..8], store.Region, ServiceName);
        var signature = SigV4Scope.Sign(store.XksProxySecretAccessKey ?? "", scope, amzDate, canonical);

        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={store.XksProxyAccessKeyId}/{scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={Convert.ToHexString(signature).ToLowerInvariant()}");
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
