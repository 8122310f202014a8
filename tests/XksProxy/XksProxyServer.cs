using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace KmsPowerShell.XksProxy;

/// <summary>
/// An XKS proxy on a free loopback port, as the XKS Proxy API specification describes one: POST {UriPath}/health,
/// {UriPath}/keys/{externalKeyId}/metadata, /encrypt and /decrypt, every request checked for its SigV4 signature
/// (service kms-xks-proxy) with the credential it was given. It holds AES-256 keys by id and encrypts with AES-GCM
/// under the spec's AAD: the 2-byte length of additionalAuthenticatedData, the data, the 1-byte length of
/// ciphertextMetadata, the metadata. Errors are the spec's: HTTP status and {"errorName", "errorMessage"}.
/// </summary>
public sealed class XksProxyServer : IDisposable
{
    public const string DefaultUriPath = "/example/kms/xks/v1";
    public const string DefaultAccessKeyId = "ABCDEFGHIJKLMNOPQRST";
    public const string DefaultSecretAccessKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Dictionary<string, ExternalKey> _keys = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _requests;
    private int _disposed;

    public XksProxyServer(string uriPath = DefaultUriPath, string accessKeyId = DefaultAccessKeyId, string secretAccessKey = DefaultSecretAccessKey,
        string region = "us-east-1")
    {
        UriPath = uriPath;
        Signature = new SigV4Check(accessKeyId, secretAccessKey, region);
        Endpoint = Listen(_listener);
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }
    public string UriPath { get; }
    public SigV4Check Signature { get; }

    /// <summary>What GetHealthStatus reports for the one external key manager: ACTIVE, DEGRADED or UNAVAILABLE.</summary>
    public string HealthStatus { get; set; } = "ACTIVE";

    /// <summary>
    /// Runs before the proxy answers a request, with the operation's path after the URI path ("health",
    /// "keys/{id}/encrypt" ...): a test holds an answer back with it to see what the caller does meanwhile.
    /// </summary>
    public Func<string, Task>? BeforeAnswer { get; set; }

    /// <summary>Requests received, whether they were answered with success or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The body of the last request whose signature was valid.</summary>
    public JsonObject? LastBody { get; private set; }
    public string? LastAuthorization { get; private set; }

    /// <summary>Adds an external key (new random AES-256 material) and returns its id.</summary>
    public string AddKey(string id, string keySpec = "AES_256", string status = "ENABLED", params string[] usages)
    {
        lock (_gate) _keys[id] = new ExternalKey(RandomNumberGenerator.GetBytes(32), keySpec, status, usages.Length > 0 ? usages : ["ENCRYPT", "DECRYPT"]);
        return id;
    }

    public void SetKeyStatus(string id, string status)
    {
        lock (_gate) _keys[id] = _keys[id] with { Status = status };
    }

    public bool RemoveKey(string id)
    {
        lock (_gate) return _keys.Remove(id);
    }

    private static string Listen(HttpListener listener)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var endpoint = $"http://127.0.0.1:{port}";
            listener.Prefixes.Clear();
            listener.Prefixes.Add(endpoint + "/");
            try
            {
                listener.Start();
                return endpoint;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the listener: try another.
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ServeOneAsync(context));
        }
    }

    private async Task ServeOneAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Interlocked.Increment(ref _requests);
            if (BeforeAnswer is { } hold) await hold(context.Request.Url!.AbsolutePath.Replace(UriPath + "/", "", StringComparison.Ordinal));
            var (status, answer) = Answer(context.Request, body.ToArray());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            // The whole answer in one write: headers and body sent apart wait on Nagle and delayed ACKs (40 ms a call).
            context.Response.Close(Encoding.UTF8.GetBytes(answer.ToJsonString()), willBlock: true);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }

    private (int Status, JsonObject Body) Answer(HttpListenerRequest request, byte[] body)
    {
        var path = request.Url!.AbsolutePath;
        if (!path.StartsWith(UriPath + "/", StringComparison.Ordinal)) return Error(404, "ValidationException", "Unknown URI path.");
        if (request.HttpMethod != "POST") return Error(405, "ValidationException", "XKS proxy APIs take POST only.");
        LastAuthorization = request.Headers["Authorization"];
        if (!Signature.IsValid(request, body)) return Error(401, "AuthenticationFailedException", "The request signature is not valid.");
        JsonObject json;
        try { json = JsonNode.Parse(body) as JsonObject ?? throw new FormatException(); }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException) { return Error(400, "ValidationException", "The body is not a JSON object."); }
        LastBody = json;
        if (json["requestMetadata"] is not JsonObject) return Error(400, "ValidationException", "requestMetadata is required.");

        var operation = path[(UriPath.Length + 1)..];
        if (operation == "health") return (200, Health());
        var parts = operation.Split('/');
        if (parts.Length != 3 || parts[0] != "keys") return Error(404, "ValidationException", "Unknown operation.");
        ExternalKey? key;
        lock (_gate) key = _keys.GetValueOrDefault(parts[1]);
        if (key is null) return Error(404, "KeyNotFoundException", "No external key has that id.");
        return parts[2] switch
        {
            "metadata" => (200, new JsonObject { ["keySpec"] = key.KeySpec, ["keyUsage"] = new JsonArray(key.Usages.Select(u => (JsonNode?)u).ToArray()), ["keyStatus"] = key.Status }),
            "encrypt" => key.Status != "ENABLED" ? Error(400, "InvalidStateException", "The external key is disabled.") : Encrypt(key, json),
            "decrypt" => key.Status != "ENABLED" ? Error(400, "InvalidStateException", "The external key is disabled.") : Decrypt(key, json),
            _ => Error(404, "ValidationException", "Unknown operation."),
        };
    }

    private JsonObject Health() => new()
    {
        ["xksProxyFleetSize"] = 1,
        ["xksProxyVendor"] = "KmsPowerShell tests",
        ["xksProxyModel"] = "KmsPowerShell.XksProxy 1",
        ["ekmVendor"] = "KmsPowerShell tests",
        ["ekmFleetDetails"] = new JsonArray(new JsonObject { ["id"] = "ekm-1", ["model"] = "in-memory AES-GCM", ["healthStatus"] = HealthStatus }),
    };

    private static (int, JsonObject) Encrypt(ExternalKey key, JsonObject request)
    {
        if (Text(request, "encryptionAlgorithm") != "AES_GCM") return Error(400, "ValidationException", "encryptionAlgorithm must be AES_GCM.");
        if (!TryBase64(request, "plaintext", out var plaintext) || !TryBase64(request, "additionalAuthenticatedData", out var aad, optional: true))
        {
            return Error(400, "ValidationException", "plaintext and additionalAuthenticatedData must be Base64.");
        }
        var metadata = Encoding.ASCII.GetBytes("v1");
        var iv = RandomNumberGenerator.GetBytes(12);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var gcm = new AesGcm(key.Material, 16)) gcm.Encrypt(iv, plaintext, ciphertext, tag, FullAad(aad, metadata));
        CryptographicOperations.ZeroMemory(plaintext);
        return (200, new JsonObject
        {
            ["ciphertext"] = Convert.ToBase64String(ciphertext),
            ["ciphertextMetadata"] = Convert.ToBase64String(metadata),
            ["initializationVector"] = Convert.ToBase64String(iv),
            ["authenticationTag"] = Convert.ToBase64String(tag),
        });
    }

    private static (int, JsonObject) Decrypt(ExternalKey key, JsonObject request)
    {
        if (Text(request, "encryptionAlgorithm") != "AES_GCM") return Error(400, "ValidationException", "encryptionAlgorithm must be AES_GCM.");
        if (!TryBase64(request, "ciphertext", out var ciphertext) || !TryBase64(request, "initializationVector", out var iv) ||
            !TryBase64(request, "authenticationTag", out var tag) || !TryBase64(request, "additionalAuthenticatedData", out var aad, optional: true) ||
            !TryBase64(request, "ciphertextMetadata", out var metadata, optional: true) || iv.Length != 12 || tag.Length != 16 || metadata.Length > 20)
        {
            // This key manager makes 12-byte IVs only (the spec allows 16 too).
            return Error(400, "InvalidCiphertextException", "The ciphertext, IV, tag or metadata is missing or malformed.");
        }
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var gcm = new AesGcm(key.Material, 16);
            gcm.Decrypt(iv, ciphertext, tag, plaintext, FullAad(aad, metadata));
        }
        catch (CryptographicException)
        {
            return Error(400, "InvalidCiphertextException", "The ciphertext or its additional authenticated data is not authentic.");
        }
        var answer = new JsonObject { ["plaintext"] = Convert.ToBase64String(plaintext) };
        CryptographicOperations.ZeroMemory(plaintext);
        return (200, answer);
    }

    /// <summary>The spec's AAD for the external key manager, with both lengths so that data cannot move from one field to the other.</summary>
    private static byte[] FullAad(byte[] aad, byte[] metadata) =>
        [(byte)(aad.Length >> 8), (byte)aad.Length, .. aad, (byte)metadata.Length, .. metadata];

    private static string? Text(JsonObject body, string member) => (body[member] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : null;

    private static bool TryBase64(JsonObject body, string member, out byte[] bytes, bool optional = false)
    {
        bytes = [];
        var text = Text(body, member);
        if (text is null) return optional && body[member] is null;
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static (int, JsonObject) Error(int status, string name, string message) =>
        (status, new JsonObject { ["errorName"] = name, ["errorMessage"] = message });

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // Close alone: after Stop, Close looks the port up again and may bind it anew (Address already in use once
        // another listener has it).
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
        lock (_gate)
        {
            foreach (var key in _keys.Values) CryptographicOperations.ZeroMemory(key.Material);
        }
    }

    private sealed record ExternalKey(byte[] Material, string KeySpec, string Status, string[] Usages);
}
