using KmsPowerShell.Vocabulary;

namespace KmsPowerShell;

/// <summary>
/// Checks, before any call, that a key can do what is asked (its usage) and picks the algorithm: the one asked for if
/// the key offers it, else the key's only one. The errors name the key and say what would work.
/// </summary>
internal sealed record KeyFit(string Name, string KeySpec, string KeyUsage, IReadOnlyList<string> Algorithms)
{
    public static KeyFit Of(KmsKey key) => new(key.DisplayName, key.KeySpec, key.KeyUsage, OrBySpec(key.KeyUsage switch
    {
        KmsKeyUsages.SignVerify => key.SigningAlgorithms,
        KmsKeyUsages.GenerateVerifyMac => key.MacAlgorithms,
        _ => key.EncryptionAlgorithms,
    }, key.KeySpec, key.KeyUsage));

    public static KeyFit Of(KmsPublicKey key) => new(key.KeyArn, key.KeySpec, key.KeyUsage, OrBySpec(key.SigningAlgorithms, key.KeySpec, key.KeyUsage));

    /// <summary>The algorithms listed, or (from an emulator that lists none: moto omits MacAlgorithms) those AWS documents for the spec.</summary>
    private static IReadOnlyList<string> OrBySpec(IReadOnlyList<string> listed, string keySpec, string keyUsage) =>
        listed.Count > 0 ? listed : KmsKeySpec.Find(keySpec)?.AlgorithmsFor(keyUsage) ?? listed;

    public void RequireUsage(string usage, string purpose)
    {
        if (!string.Equals(KeyUsage, usage, StringComparison.Ordinal))
        {
            throw new KmsArgumentException("KeyUsageInvalid",
                $"Key {Name} is a {KeyUsage} key ({KeySpec}); {purpose} needs a {usage} key.");
        }
    }

    /// <summary>The algorithm to use. An emulator that lists no algorithms leaves the check to the service.</summary>
    public string Choose(string? requested, string parameter)
    {
        if (requested is not null)
        {
            if (Algorithms.Count > 0 && !Algorithms.Contains(requested, StringComparer.Ordinal))
            {
                throw new KmsArgumentException($"{parameter.TrimStart('-')}Invalid",
                    $"{requested} does not fit key {Name} ({KeySpec}); it offers {string.Join(", ", Algorithms)}.");
            }
            return requested;
        }
        if (Algorithms.Count == 1) return Algorithms[0];
        throw Required(parameter, Algorithms.Count == 0 ? null : $"Key {Name} ({KeySpec}) offers {string.Join(", ", Algorithms)}");
    }

    public static KmsArgumentException Required(string parameter, string? offered) =>
        new($"{parameter.TrimStart('-')}Required", $"{offered ?? "The key's algorithms are not known"}: choose one with {parameter}.");

    /// <summary>What to give -EncryptionAlgorithm for an asymmetric key of <paramref name="keySpec"/> ("RSAES_OAEP_SHA_256 (or RSAES_OAEP_SHA_1)"); null for symmetric keys.</summary>
    public static string? EncryptionAlgorithmFor(string keySpec) => KmsKeySpec.Find(keySpec)?.Family switch
    {
        KmsKeyFamily.Rsa => $"{KmsAlgorithms.RsaesOaepSha256} (or {KmsAlgorithms.RsaesOaepSha1})",
        KmsKeyFamily.Sm2 => KmsAlgorithms.Sm2Pke,
        _ => null,
    };
}
