using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>Rebuilds the SigV4 canonical request from what arrived, as the signer built it before sending.</summary>
internal static partial class SigV4CanonicalRequest
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string Build(LocalKmsRequest request, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalPath(request.Path)).Append('\n');
        builder.Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            request.Headers.TryGetValue(name, out var value);
            builder.Append(name.ToLowerInvariant()).Append(':').Append(Whitespace().Replace((value ?? "").Trim(), " ")).Append('\n');
        }
        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static string CanonicalPath(string path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        var segments = path.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s)));
        return string.Join('/', segments);
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query)) return "";
        return string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Name: Encode(p[0]), Value: Encode(p.Length > 1 ? p[1] : "")))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    private static string Encode(string component) => Uri.EscapeDataString(Uri.UnescapeDataString(component.Replace('+', ' ')));
}
