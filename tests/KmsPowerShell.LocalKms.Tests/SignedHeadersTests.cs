using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>A signature must cover Host and every x-amz-* header, as AWS requires, so it cannot be replayed for another call.</summary>
public class SignedHeadersTests
{
    [Fact]
    public async Task HandleAsync_HostAndEveryAmzHeaderSigned_Answers()
    {
        using var service = new LocalKmsService();
        var response = await service.HandleAsync(Signed("ListKeys", ["host", "x-amz-date", "x-amz-target"]));
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_HostNotSigned_IncompleteSignature()
    {
        using var service = new LocalKmsService();
        var (status, type, message) = Answer(await service.HandleAsync(Signed("ListKeys", ["x-amz-date", "x-amz-target"])));
        Assert.Equal((400, "IncompleteSignatureException"), (status, type));
        Assert.Equal("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", message);
    }

    [Theory]
    [InlineData("X-Amz-Target")]
    [InlineData("X-Amz-Date")]
    [InlineData("X-Amz-Security-Token")]
    public async Task HandleAsync_AmzHeaderNotSigned_IncompleteSignatureAndNothingDone(string header)
    {
        using var service = new LocalKmsService();
        var signed = new[] { "host", "x-amz-date", "x-amz-target", "x-amz-security-token" }.Where(h => !h.Equals(header, StringComparison.OrdinalIgnoreCase));
        var request = Signed("CreateKey", signed, extra: ("X-Amz-Security-Token", "token"));
        var (status, type, message) = Answer(await service.HandleAsync(request));
        Assert.Equal((400, "IncompleteSignatureException"), (status, type));
        Assert.Equal($"'{header}' must be a 'SignedHeader' in the AWS Authorization.", message);
        Assert.Equal(0, service.CallCount("CreateKey"));
    }

    private static (int Status, string? Type, string? Message) Answer(LocalKmsResponse response)
    {
        var body = JsonDocument.Parse(response.Body).RootElement;
        return (response.StatusCode, body.GetProperty("__type").GetString(), body.GetProperty("message").GetString());
    }

    /// <summary>A correct SigV4 signature over exactly <paramref name="signedHeaders"/>, as a careless signer would make it.</summary>
    private static LocalKmsRequest Signed(string operation, IEnumerable<string> signedHeaders, (string Name, string Value)? extra = null)
    {
        var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/us-east-1/kms/aws4_request";
        var body = "{}"u8.ToArray();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "127.0.0.1",
            ["X-Amz-Date"] = amzDate,
            ["X-Amz-Target"] = $"TrentService.{operation}",
            ["Content-Type"] = "application/x-amz-json-1.1",
        };
        if (extra is { } field) headers[field.Name] = field.Value;
        var names = signedHeaders.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
        var canonical = new StringBuilder("POST\n/\n\n");
        foreach (var name in names) canonical.Append(name).Append(':').Append(headers[name]).Append('\n');
        canonical.Append('\n').Append(string.Join(';', names)).Append('\n').Append(Hex(SHA256.HashData(body)));
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + LocalKmsPrincipal.DefaultSecretAccessKey);
        foreach (var part in new[] { amzDate[..8], "us-east-1", "kms", "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential={LocalKmsPrincipal.DefaultAccessKeyId}/{scope}, SignedHeaders={string.Join(';', names)}, Signature={signature}";
        return new LocalKmsRequest("POST", "/", "", headers, body);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
