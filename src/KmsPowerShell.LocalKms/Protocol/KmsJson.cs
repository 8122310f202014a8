using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Protocol;

/// <summary>How KMS writes values in JSON 1.1: timestamps as epoch seconds, blobs as base64.</summary>
internal static class KmsJson
{
    public static JsonNode Timestamp(DateTimeOffset value) => JsonValue.Create(value.ToUnixTimeMilliseconds() / 1000.0);

    public static JsonNode Blob(ReadOnlySpan<byte> value) => JsonValue.Create(Convert.ToBase64String(value));

    /// <summary>A secret as a blob member; the secret's bytes are zeroed once encoded.</summary>
    public static JsonNode SecretBlob(byte[] secret)
    {
        var node = Blob(secret);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        return node;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal)) map[key] = value;
        return map;
    }
}
