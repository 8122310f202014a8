using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.State;

/// <summary>The key specs the local KMS makes: the vocabulary's supported ones.</summary>
internal static class KeySpecCatalog
{
    /// <summary>The spec named <paramref name="spec"/> if the local KMS can make it; null for the others, AWS's or not.</summary>
    public static KmsKeySpec? Find(string spec) => KmsKeySpec.Find(spec) is { IsSupported: true } found ? found : null;

    public static KmsKeySpec Of(StoredKey key) => Find(key.KeySpec) ?? throw new InvalidOperationException($"The local KMS holds a {key.KeySpec} key it cannot make.");
}
