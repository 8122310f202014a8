using System.Security.Cryptography;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>
/// Encrypt and Decrypt under asymmetric ENCRYPT_DECRYPT keys: RSA (the bare RSAES-OAEP ciphertext, modulus-sized) and
/// SM2 (SM2PKE, see <see cref="Sm2Pke"/>), so a caller may also encrypt locally with the public key. The caller must
/// name the key and algorithm to decrypt.
/// </summary>
internal static class RsaCrypto
{
    /// <summary>The algorithm, which must be one of the key's; an encryption context is refused (AWS takes none for asymmetric keys).</summary>
    public static string RequireAlgorithm(StoredKey key, string? algorithm, IReadOnlyDictionary<string, string> encryptionContext)
    {
        if (algorithm is null || !KeySpecCatalog.Of(key).EncryptionAlgorithms(key.KeyUsage).Contains(algorithm))
        {
            throw KmsErrors.IncompatibleAlgorithm(algorithm ?? KmsAlgorithms.SymmetricDefault, key.KeySpec);
        }
        if (encryptionContext.Count > 0) throw KmsErrors.Validation($"EncryptionContext is not supported with asymmetric key spec {key.KeySpec}.");
        return algorithm;
    }

    public static void RequireFits(StoredKey key, string algorithm, int plaintextBytes)
    {
        var max = algorithm == KmsAlgorithms.Sm2Pke ? Sm2Pke.MaxPlaintextBytes : RsaOaep.MaxPlaintextBytes(KeySpecCatalog.Of(key).Bits, algorithm);
        if (plaintextBytes > max)
        {
            throw KmsErrors.Validation($"Algorithm {algorithm} and key spec {key.KeySpec} cannot encrypt data larger than {max} bytes.");
        }
    }

    public static byte[] Encrypt(StoredKey key, string algorithm, byte[] plaintext)
    {
        if (algorithm == KmsAlgorithms.Sm2Pke) return Sm2Pke.Encrypt(key.CurrentMaterial, plaintext);
        using var rsa = AsymmetricKey.Load(KeySpecCatalog.Of(key), key.CurrentMaterial);
        return rsa.Rsa.Encrypt(plaintext, RsaOaep.Padding(algorithm));
    }

    public static byte[] Decrypt(StoredKey key, string algorithm, byte[] ciphertext)
    {
        if (algorithm == KmsAlgorithms.Sm2Pke) return Sm2Pke.Decrypt(key.CurrentMaterial, ciphertext) ?? throw KmsErrors.InvalidCiphertext();
        using var rsa = AsymmetricKey.Load(KeySpecCatalog.Of(key), key.CurrentMaterial);
        try
        {
            return rsa.Rsa.Decrypt(ciphertext, RsaOaep.Padding(algorithm));
        }
        catch (CryptographicException)
        {
            throw KmsErrors.InvalidCiphertext();
        }
    }
}
