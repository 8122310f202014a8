using System.Globalization;
using System.Text;

namespace KmsPowerShell.LocalKms.Http;

internal static class HttpResponseWriter
{
    public static async Task WriteAsync(Stream stream, LocalKmsResponse response, bool keepAlive, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.StatusCode} {Reason(response.StatusCode)}\r\n");
        foreach (var (name, value) in response.Headers) head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:R}\r\n");
        head.Append(keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
        // One write: a head and a body sent apart leave the body waiting on the client's delayed ACK (~40 ms).
        var text = head.ToString();
        var message = new byte[text.Length + response.Body.Length];
        Encoding.ASCII.GetBytes(text, message);
        response.Body.CopyTo(message, text.Length);
        await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Status",
    };
}
