using System.Globalization;
using System.Text;

namespace KmsPowerShell.LocalKms.Http;

/// <summary>The request line and header fields of one request.</summary>
internal sealed record HttpRequestHead(string Method, string Target, string Version, IReadOnlyDictionary<string, string> Headers)
{
    public bool KeepAlive => Version == "HTTP/1.1" &&
        !(Headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Reads HTTP/1.1 requests (request line, header fields, Content-Length or chunked body) from one connection, in
/// phases the server puts its timeouts around. Every line, the header fields and the body are bounded
/// (<see cref="HttpLimits"/>); what exceeds a bound is refused with an <see cref="HttpProtocolException"/> before it is read.
/// </summary>
internal sealed class HttpRequestReader
{
    private readonly Stream _stream;
    private readonly byte[] _one = new byte[1];
    private readonly byte[] _line = new byte[Math.Max(HttpLimits.MaxRequestLineBytes, HttpLimits.MaxFieldLineBytes) + 1];
    private int _firstByte = -1;

    /// <param name="stream">A buffered stream: the head is read a byte at a time.</param>
    public HttpRequestReader(Stream stream) => _stream = stream;

    /// <summary>Waits for the first byte of the next request; false when the peer closed the connection instead.</summary>
    public async Task<bool> WaitForRequestAsync(CancellationToken cancellationToken)
    {
        if (await _stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false) == 0) return false;
        _firstByte = _one[0];
        return true;
    }

    public async Task<HttpRequestHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var requestLine = await ReadLineAsync(HttpLimits.MaxRequestLineBytes, HttpProtocolException.RequestLineTooLong, cancellationToken).ConfigureAwait(false);
        var parts = requestLine.Split(' ');
        if (parts.Length != 3) throw HttpProtocolException.BadRequest("Malformed request line.");
        var headers = await ReadFieldsAsync(HttpLimits.MaxHeadBytes - requestLine.Length, cancellationToken).ConfigureAwait(false);
        return new HttpRequestHead(parts[0], parts[1], parts[2], headers);
    }

    /// <summary>
    /// Reads the body the head announces. Its size is checked before <paramref name="sendContinue"/> invites it
    /// (Expect: 100-continue) and before any of it is read.
    /// </summary>
    public async Task<LocalKmsRequest> ReadBodyAsync(HttpRequestHead head, Func<Task> sendContinue, CancellationToken cancellationToken)
    {
        var chunked = head.Headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var length = chunked ? 0 : ContentLength(head.Headers);
        if (head.Headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await sendContinue().ConfigureAwait(false);
        }
        byte[] body;
        if (chunked)
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = new byte[length];
            await _stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        }
        var query = head.Target.IndexOf('?');
        return new LocalKmsRequest(head.Method, query < 0 ? head.Target : head.Target[..query], query < 0 ? "" : head.Target[(query + 1)..], head.Headers, body);
    }

    private static int ContentLength(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("Content-Length", out var text)) return 0;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw HttpProtocolException.BadRequest("Malformed Content-Length.");
        }
        return length <= HttpLimits.MaxBodyBytes ? (int)length : throw HttpProtocolException.BodyTooLarge();
    }

    /// <summary>Header fields, or a chunked body's trailer fields: at most <see cref="HttpLimits.MaxFieldCount"/>, within <paramref name="budget"/> bytes.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ReadFieldsAsync(int budget, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (true)
        {
            var line = await ReadLineAsync(HttpLimits.MaxFieldLineBytes, () => HttpProtocolException.HeadTooLarge("header field is too long"), cancellationToken)
                .ConfigureAwait(false);
            if (line.Length == 0) return LocalKmsRequest.HeaderMap(fields);
            budget -= line.Length;
            if (budget < 0) throw HttpProtocolException.HeadTooLarge($"header is larger than {HttpLimits.MaxHeadBytes} bytes");
            if (fields.Count == HttpLimits.MaxFieldCount) throw HttpProtocolException.HeadTooLarge($"header has more than {HttpLimits.MaxFieldCount} fields");
            var colon = line.IndexOf(':');
            if (colon <= 0) throw HttpProtocolException.BadRequest("Malformed header line.");
            fields.Add(KeyValuePair.Create(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(HttpLimits.MaxChunkSizeLineBytes, () => HttpProtocolException.BadRequest("Chunk size line too long."), cancellationToken)
                .ConfigureAwait(false);
            if (!long.TryParse(sizeLine.Split(';')[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw HttpProtocolException.BadRequest("Malformed chunk size.");
            }
            if (size == 0)
            {
                await ReadFieldsAsync(HttpLimits.MaxHeadBytes, cancellationToken).ConfigureAwait(false);
                return body.ToArray();
            }
            if (size > HttpLimits.MaxBodyBytes - body.Length) throw HttpProtocolException.BodyTooLarge();
            var chunk = new byte[size];
            await _stream.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            _ = await ReadLineAsync(0, () => HttpProtocolException.BadRequest("A chunk is longer than its size."), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One line without its CRLF, refused with <paramref name="tooLong"/> as soon as it passes <paramref name="maxBytes"/>.</summary>
    private async Task<string> ReadLineAsync(int maxBytes, Func<HttpProtocolException> tooLong, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            int next;
            if (_firstByte >= 0)
            {
                next = _firstByte;
                _firstByte = -1;
            }
            else if (await _stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException("The connection closed inside a request.");
            }
            else
            {
                next = _one[0];
            }
            if (next == '\n') return Encoding.ASCII.GetString(_line, 0, length > 0 && _line[length - 1] == '\r' ? length - 1 : length);
            // The CR before LF is not counted against the bound.
            if (length > maxBytes || (length == maxBytes && next != '\r')) throw tooLong();
            _line[length++] = (byte)next;
        }
    }
}
