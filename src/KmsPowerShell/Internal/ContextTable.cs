using System.Collections;

namespace KmsPowerShell;

/// <summary>Turns an -EncryptionContext hashtable into string pairs, as KMS binds them to the ciphertext.</summary>
internal static class ContextTable
{
    public static IReadOnlyDictionary<string, string> From(Hashtable? table)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table is null) return context;
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString();
            if (string.IsNullOrEmpty(key))
            {
                throw new KmsArgumentException("EncryptionContextInvalid", "An -EncryptionContext key is empty.");
            }
            context[key] = entry.Value?.ToString() ?? "";
        }
        return context;
    }
}
