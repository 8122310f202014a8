using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.State;

/// <summary>The key spec of a stored key, from the vocabulary (which lists every spec the local KMS makes).</summary>
internal static class KeySpecCatalog
{
    public static KmsKeySpec Of(StoredKey key) => KmsKeySpec.Find(key.KeySpec) ?? throw new InvalidOperationException($"The local KMS holds a key of spec {key.KeySpec}, which no KMS API knows.");
}
