using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace KmsPowerShell.LocalKms.Tests.KeyStores;

/// <summary>
/// A small XKS proxy on a free loopback port: answers POST {path}/health as the XKS proxy API specifies, after
/// checking the request's SigV4 signature (service kms-xks-proxy) with the AWS SDK's own signing key derivation.
/// </summary>
internal sealed class XksProxyFixture : IDisposable
{
    public const string UriPath = "/example/kms/xks/v1";
    public const string AccessKeyId = "ABCDEFGHIJKLMNOPQRST";
    public const string SecretAccessKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public XksProxyFixture(string healthStatus = "ACTIVE")
    {
        HealthStatus = healthStatus;
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }
    public string HealthStatus { get; set; }
    public int Requests { get; private set; }
    public JsonObject? LastBody { get; private set; }
    public string? LastAuthorization { get; private set; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Requests++;
            var (status, answer) = Answer(context.Request, body.ToArray());
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Answer(HttpListenerRequest request, byte[] body)
    {
        LastAuthorization = request.Headers["Authorization"];
        if (request.HttpMethod != "POST" || request.Url!.AbsolutePath != UriPath + "/health") return (404, "{}");
        if (!SignatureIsValid(request, body)) return (401, """{"errorName":"AuthenticationFailedException"}""");
        LastBody = JsonNode.Parse(body)!.AsObject();
        return (200, $$"""
            {"xksProxyFleetSize":1,"xksProxyVendor":"KmsPowerShell tests","xksProxyModel":"fixture 1","ekmVendor":"none",
             "ekmFleetDetails":[{"id":"ekm-1","model":"fixture","healthStatus":"{{HealthStatus}}"}]}
            """);
    }

    /// <summary>Rebuilds the canonical request for SignedHeaders=host;x-amz-date and compares the signature.</summary>
    private static bool SignatureIsValid(HttpListenerRequest request, byte[] body)
    {
        var authorization = request.Headers["Authorization"] ?? "";
        var amzDate = request.Headers["X-Amz-Date"] ?? "";
        if (amzDate.Length < 8) return false;
        var scope = $"{amzDate[..8]}/us-east-1/kms-xks-proxy/aws4_request";
        var canonical = $"POST\n{request.Url!.AbsolutePath}\n\nhost:{request.Headers["Host"]}\nx-amz-date:{amzDate}\n\nhost;x-amz-date\n{AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body), true)}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(canonical), true)}";
        var key = AWS4Signer.ComposeSigningKey(SecretAccessKey, "us-east-1", amzDate[..8], "kms-xks-proxy");
        var signature = AWSSDKUtils.ToHex(AWS4Signer.ComputeKeyedHash(SigningAlgorithm.HmacSHA256, key, stringToSign), true);
        return authorization == $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/{scope}, SignedHeaders=host;x-amz-date, Signature={signature}";
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
