using KmsPowerShell.Engine.Local.Crypto;
using KmsPowerShell.Engine.Local.State;

namespace KmsPowerShell.Engine.Local.Operations.Crypto;

/// <summary>The key and algorithm an Encrypt, Decrypt or ReEncrypt works with; for a symmetric decrypt, the parsed blob too.</summary>
internal sealed record CipherKey(StoredKey Key, string Algorithm, SymmetricCiphertext? SymmetricBlob = null)
{
    public bool IsSymmetric => Algorithm == SymmetricCrypto.Algorithm;
}
