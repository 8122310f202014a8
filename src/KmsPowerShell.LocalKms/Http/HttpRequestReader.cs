using System.Globalization;
using System.Text;

namespace KmsPowerShell.LocalKms.Http;

/// <summary>Reads one HTTP/1.1 request (request line, headers, Content-Length or chunked body) from a connection.</summary>
internal static class HttpRequestReader
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The request, or null when the peer closed the connection between requests.</summary>
    public static async Task<(LocalKmsRequest Request, bool KeepAlive)?> ReadAsync(Stream stream, Func<Task> sendContinue, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (head is null) return null;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3) throw new InvalidDataException("Malformed request line.");
        var headers = LocalKmsRequest.HeaderMap(lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var colon = l.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException("Malformed header line.");
            return KeyValuePair.Create(l[..colon].Trim(), l[(colon + 1)..].Trim());
        }));
        if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase)) await sendContinue().ConfigureAwait(false);

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
            if (length is < 0 or > MaxBodyBytes) throw new InvalidDataException("Request body too large.");
            body = new byte[length];
            await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        }
        var target = requestLine[1];
        var query = target.IndexOf('?');
        var keepAlive = !(headers.TryGetValue("Connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase))
            && requestLine[2] == "HTTP/1.1";
        var request = new LocalKmsRequest(requestLine[0], query < 0 ? target : target[..query], query < 0 ? "" : target[(query + 1)..], headers, body);
        return (request, keepAlive);
    }

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>(1024);
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                if (buffer.Count == 0) return null;
                throw new EndOfStreamException("The connection closed inside a request head.");
            }
            buffer.Add(one[0]);
            if (buffer.Count > MaxHeaderBytes) throw new InvalidDataException("Request head too large.");
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
            {
                return Encoding.ASCII.GetString(buffer.ToArray(), 0, n - 4);
            }
        }
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false)).Length > 0) { }
                return body.ToArray();
            }
            if (body.Length + size > MaxBodyBytes) throw new InvalidDataException("Request body too large.");
            var chunk = new byte[size];
            await stream.ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0) throw new EndOfStreamException();
            if (one[0] == '\n') return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
    }
}
