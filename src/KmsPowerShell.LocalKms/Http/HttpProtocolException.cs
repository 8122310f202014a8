using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Http;

/// <summary>A request refused at the HTTP level (too large, malformed), before it reaches the local KMS.</summary>
internal sealed class HttpProtocolException : Exception
{
    private HttpProtocolException(int statusCode, string message) : base(message) => StatusCode = statusCode;

    public int StatusCode { get; }

    public static HttpProtocolException BadRequest(string message) => new(400, message);

    public static HttpProtocolException BodyTooLarge() =>
        new(413, $"The request body is larger than the local KMS accepts ({HttpLimits.MaxBodyBytes} bytes).");

    public static HttpProtocolException RequestLineTooLong() =>
        new(414, $"The request line is longer than the local KMS accepts ({HttpLimits.MaxRequestLineBytes} bytes).");

    public static HttpProtocolException HeadTooLarge(string what) => new(431, $"The request's {what}.");

    /// <summary>The answer sent in place of a KMS response: the status and a JSON message, as AWS's front end answers.</summary>
    public LocalKmsResponse ToResponse()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json",
            ["x-amzn-RequestId"] = Guid.NewGuid().ToString(),
        };
        return new LocalKmsResponse(StatusCode, headers, System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["message"] = Message }.ToJsonString()));
    }
}
