namespace KmsPowerShell.Engine.Admin;

/// <summary>The key specs KMS offers and the key usages each allows, so a bad pair is refused before any call.</summary>
public static class KeySpecs
{
    private static readonly string[] RsaUsages = ["ENCRYPT_DECRYPT", "SIGN_VERIFY"];
    private static readonly string[] NistEccUsages = ["SIGN_VERIFY", "KEY_AGREEMENT"];

    public static IReadOnlyDictionary<string, string[]> UsagesBySpec { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["SYMMETRIC_DEFAULT"] = ["ENCRYPT_DECRYPT"],
        ["RSA_2048"] = RsaUsages,
        ["RSA_3072"] = RsaUsages,
        ["RSA_4096"] = RsaUsages,
        ["ECC_NIST_P256"] = NistEccUsages,
        ["ECC_NIST_P384"] = NistEccUsages,
        ["ECC_NIST_P521"] = NistEccUsages,
        ["ECC_SECG_P256K1"] = ["SIGN_VERIFY"],
        ["HMAC_224"] = ["GENERATE_VERIFY_MAC"],
        ["HMAC_256"] = ["GENERATE_VERIFY_MAC"],
        ["HMAC_384"] = ["GENERATE_VERIFY_MAC"],
        ["HMAC_512"] = ["GENERATE_VERIFY_MAC"],
    };

    /// <summary>The usage to ask for: the one given if the spec allows it, else the spec's only usage.</summary>
    public static string ResolveUsage(string keySpec, string? keyUsage)
    {
        if (!UsagesBySpec.TryGetValue(keySpec, out var usages))
        {
            throw new KmsArgumentException("KeySpecInvalid", $"'{keySpec}' is not a key spec. Use one of {string.Join(", ", UsagesBySpec.Keys)}.");
        }
        if (string.IsNullOrEmpty(keyUsage))
        {
            if (usages.Length == 1) return usages[0];
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
