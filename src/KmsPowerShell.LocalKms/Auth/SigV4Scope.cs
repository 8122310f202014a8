using System.Security.Cryptography;
using System.Text;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>A SigV4 credential scope (date/region/service/aws4_request) and the signature of a canonical request in it.</summary>
internal sealed record SigV4Scope(string Date, string Region, string Service)
{
    public override string ToString() => $"{Date}/{Region}/{Service}/aws4_request";

    public static byte[] Sign(string secret, SigV4Scope scope, string amzDate, string canonicalRequest)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{SigV4CanonicalRequest.Hash(Encoding.UTF8.GetBytes(canonicalRequest))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(scope.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign));
    }
}
