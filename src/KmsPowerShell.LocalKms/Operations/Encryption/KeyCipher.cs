using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>Encrypt, Decrypt and ReEncrypt under any ENCRYPT_DECRYPT key: symmetric (AES-GCM blobs) or RSA (RSAES-OAEP).</summary>
internal static class KeyCipher
{
    /// <summary>The key to encrypt under, checked for permission, state, usage and algorithm.</summary>
    public static CipherKey ForEncrypt(OperationContext context, string keyId, string action, IReadOnlyDictionary<string, string> encryptionContext, string? algorithm)
    {
        var key = context.KeyFor(keyId, action, allowAlias: true, encryptionContext);
        KeyGuard.RequireEnabled(key);
        KeyGuard.RequireUsage(key, KmsKeyUsages.EncryptDecrypt, action);
        if (key.KeySpec != KmsKeySpec.SymmetricDefault) return new CipherKey(key, RsaCrypto.RequireAlgorithm(key, algorithm, encryptionContext));
        KeyGuard.RequireSymmetricAlgorithm(key, algorithm);
        return new CipherKey(key, KmsAlgorithms.SymmetricDefault);
    }

    public static void RequireFits(CipherKey target, int plaintextBytes)
    {
        if (!target.IsSymmetric) RsaCrypto.RequireFits(target.Key, target.Algorithm, plaintextBytes);
    }

    public static byte[] Encrypt(OperationContext context, CipherKey target, byte[] plaintext, IReadOnlyDictionary<string, string> encryptionContext) =>
        target.IsSymmetric ? SymmetricCrypto.Seal(context, target.Key, plaintext, encryptionContext) : RsaCrypto.Encrypt(target.Key, target.Algorithm, plaintext);

    /// <summary>
    /// The key a ciphertext is opened with: for a symmetric blob, the key it names, which a key named in the request
    /// must be (AWS matches the key before it looks at the named key's usage: an HMAC, signing or RSA key named for a
    /// symmetric blob is IncorrectKeyException); otherwise the RSA key named (an RSA ciphertext says nothing of its key).
    /// </summary>
    public static CipherKey ForDecrypt(OperationContext context, byte[] blob, string? keyId, string action,
        IReadOnlyDictionary<string, string> encryptionContext, string? algorithm)
    {
        if (keyId is not null && !SymmetricCiphertext.IsSymmetricBlob(blob)
            && context.Keys.Resolve(keyId) is { } named && named.KeySpec != KmsKeySpec.SymmetricDefault)
        {
            context.Auth.Require(named, action, encryptionContext);
            KeyGuard.RequireEnabled(named);
            KeyGuard.RequireUsage(named, KmsKeyUsages.EncryptDecrypt, action);
            return new CipherKey(named, RsaCrypto.RequireAlgorithm(named, algorithm, encryptionContext));
        }
        var (key, parsed) = SymmetricCrypto.KeyOfBlob(context, blob, keyId, action, encryptionContext, algorithm);
        return new CipherKey(key, KmsAlgorithms.SymmetricDefault, parsed);
    }

    public static byte[] Decrypt(OperationContext context, CipherKey source, byte[] blob, IReadOnlyDictionary<string, string> encryptionContext) =>
        source.SymmetricBlob is { } parsed ? SymmetricCrypto.Open(context, source.Key, parsed, encryptionContext) : RsaCrypto.Decrypt(source.Key, source.Algorithm, blob);
}
