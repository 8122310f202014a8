using System.Collections;

namespace KmsPowerShell;

/// <summary>Turns a -Tag hashtable into tag pairs, refusing what KMS would refuse (empty keys, over-long keys or values).</summary>
internal static class TagTable
{
    public static IReadOnlyDictionary<string, string> From(Hashtable? table)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null) return tags;
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString() ?? "";
            var value = entry.Value?.ToString() ?? "";
            if (key.Length is 0 or > 128)
            {
                throw new KmsArgumentException("TagInvalid", $"Tag key '{key}' must be 1 to 128 characters.");
            }
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new KmsArgumentException("TagInvalid", $"Tag key '{key}' begins with aws:, which is reserved for AWS.");
            }
            if (value.Length > 256)
            {
                throw new KmsArgumentException("TagInvalid", $"The value of tag '{key}' is {value.Length} characters; KMS allows 256.");
            }
            tags[key] = value;
        }
        return tags;
    }
}
