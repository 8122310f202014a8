namespace KmsPowerShell.LocalKms.Http;

/// <summary>Hands HTTP requests to a local KMS in process: no socket, but the same bytes, headers and signature.</summary>
public sealed class LocalKmsHttpMessageHandler : HttpMessageHandler
{
    private readonly LocalKmsService _service;

    public LocalKmsHttpMessageHandler(LocalKmsService service) => _service = service;

    /// <summary>
    /// An HttpClient that hands every request to <paramref name="service"/>. Its Timeout is infinite: the SDK enforces
    /// its own per request, and an HttpClient's Timeout cannot change once it has been used.
    /// </summary>
    public static HttpClient CreateClient(LocalKmsService service) =>
        new(new LocalKmsHttpMessageHandler(service), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        byte[] body;
        try
        {
            body = await ReadBodyAsync(request.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpProtocolException refused)
        {
            return ToMessage(refused.ToResponse(), request);
        }
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v)));
        if (request.Content is not null) headers = headers.Concat(request.Content.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))));
        var map = new Dictionary<string, string>(LocalKmsRequest.HeaderMap(headers), StringComparer.OrdinalIgnoreCase);
        if (!map.ContainsKey("Host")) map["Host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

        var response = await _service.HandleAsync(new LocalKmsRequest(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), map, body), cancellationToken)
            .ConfigureAwait(false);
        if (response.DropConnection)
        {
            throw new HttpRequestException("The local KMS closed the connection without answering (injected fault).",
                new IOException("The response ended prematurely."));
        }
        return ToMessage(response, request);
    }

    /// <summary>The body, within the same bound as over HTTP (<see cref="HttpLimits.MaxBodyBytes"/>), checked before it is buffered.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null) return [];
        if (content.Headers.ContentLength > HttpLimits.MaxBodyBytes) throw HttpProtocolException.BodyTooLarge();
        using var body = new MemoryStream();
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > HttpLimits.MaxBodyBytes) throw HttpProtocolException.BodyTooLarge();
                body.Write(buffer, 0, read);
            }
        }
        return body.ToArray();
    }

    private static HttpResponseMessage ToMessage(LocalKmsResponse response, HttpRequestMessage request)
    {
        var message = new HttpResponseMessage((System.Net.HttpStatusCode)response.StatusCode)
        {
            Content = new ByteArrayContent(response.Body),
            RequestMessage = request,
        };
        foreach (var (name, value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }
}
