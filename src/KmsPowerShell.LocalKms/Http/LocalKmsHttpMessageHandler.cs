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
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
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
