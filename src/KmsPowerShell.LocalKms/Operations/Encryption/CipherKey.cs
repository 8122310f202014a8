using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>The key and algorithm an Encrypt, Decrypt or ReEncrypt works with; for a symmetric decrypt, the parsed blob too.</summary>
internal sealed record CipherKey(StoredKey Key, string Algorithm, SymmetricCiphertext? SymmetricBlob = null)
{
    public bool IsSymmetric => Algorithm == KmsAlgorithms.SymmetricDefault;
}
