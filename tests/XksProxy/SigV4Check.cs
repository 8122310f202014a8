using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;

namespace KmsPowerShell.XksProxy;

/// <summary>
/// The XKS proxy's check of a request's SigV4 signature (the spec's Appendix A): the credential's access key id,
/// region and service (kms-xks-proxy) are the proxy's, and the signature over the canonical request built from the
/// headers the request says it signed is the one the proxy's secret gives. The AWS SDK derives the key and hashes,
/// so the check shares no code with the local KMS that signs.
/// </summary>
public sealed class SigV4Check(string accessKeyId, string secretAccessKey, string region)
{
    public const string Service = "kms-xks-proxy";

    /// <summary>The credential the proxy accepts; a test may change it to make the proxy refuse the store's.</summary>
    public string AccessKeyId { get; set; } = accessKeyId;
    public string SecretAccessKey { get; set; } = secretAccessKey;
    public string Region { get; } = region;

    public bool IsValid(HttpListenerRequest request, byte[] body)
    {
        var authorization = request.Headers["Authorization"] ?? "";
        const string algorithm = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(algorithm, StringComparison.Ordinal)) return false;
        var parts = authorization[algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) ||
            !parts.TryGetValue("Signature", out var signature))
        {
            return false;
        }
        var scope = credential.Split('/');
        var amzDate = request.Headers["X-Amz-Date"] ?? "";
        if (scope.Length != 5 || scope[0] != AccessKeyId || scope[2] != Region || scope[3] != Service || scope[4] != "aws4_request" ||
            amzDate.Length != 16 || scope[1] != amzDate[..8])
        {
            return false;
        }
        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host") || !headerNames.Contains("x-amz-date")) return false;
        var canonicalHeaders = string.Concat(headerNames.Select(name => $"{name}:{(request.Headers[name] ?? "").Trim()}\n"));
        var canonical = $"POST\n{request.Url!.AbsolutePath}\n{request.Url.Query.TrimStart('?')}\n{canonicalHeaders}\n{signedHeaders}\n{Hex(AWS4Signer.ComputeHash(body))}";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(AWS4Signer.ComputeHash(canonical))}";
        var key = AWS4Signer.ComposeSigningKey(SecretAccessKey, Region, amzDate[..8], Service);
        var expected = Hex(AWS4Signer.ComputeKeyedHash(SigningAlgorithm.HmacSHA256, key, stringToSign));
        return CryptographicEquals(expected, signature);
    }

    private static string Hex(byte[] bytes) => AWSSDKUtils.ToHex(bytes, true);

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
