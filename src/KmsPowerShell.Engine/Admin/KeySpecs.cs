using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Refuses a name that is no key spec, or a usage its spec does not allow, before any call.</summary>
public static class KeySpecs
{
    /// <summary>The usage to ask for: the one given if the spec allows it, else the spec's only usage.</summary>
    public static string ResolveUsage(string keySpec, string? keyUsage)
    {
        if (KmsKeySpec.Find(keySpec) is not { } spec)
        {
            throw new KmsArgumentException("KeySpecInvalid",
                $"'{keySpec}' is not a key spec. Use one of {string.Join(", ", KmsKeySpec.Supported.Select(s => s.Name))}.");
        }
        var usages = spec.Usages;
        if (string.IsNullOrEmpty(keyUsage))
        {
            if (usages.Count == 1) return usages[0];
            throw new KmsArgumentException("KeyUsageRequired",
                $"{keySpec} keys can be {string.Join(" or ", usages)}: choose one with -KeyUsage.");
        }
        if (!usages.Contains(keyUsage, StringComparer.Ordinal))
        {
            throw new KmsArgumentException("KeySpecUsageInvalid",
                $"{keySpec} keys cannot have key usage {keyUsage}; they can be {string.Join(" or ", usages)}.");
        }
        return keyUsage;
    }
}
