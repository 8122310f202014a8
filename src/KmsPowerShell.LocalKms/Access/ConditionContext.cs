namespace KmsPowerShell.LocalKms.Access;

/// <summary>Reads a condition key from a request context, by name compared case-insensitively whatever the dictionary's comparer.</summary>
internal static class ConditionContext
{
    /// <summary>The key's values, or null when the request lacks the key.</summary>
    public static IReadOnlyList<string>? Values(IReadOnlyDictionary<string, IReadOnlyList<string>> context, string key)
    {
        if (context.TryGetValue(key, out var values)) return values;
        foreach (var pair in context)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }
        return null;
    }
}
