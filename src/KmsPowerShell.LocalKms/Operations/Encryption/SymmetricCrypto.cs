using System.Security.Cryptography;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Operations.KeyStores;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>Sealing and opening ciphertext blobs under a symmetric KMS key, with the checks AWS makes on the way.</summary>
internal static class SymmetricCrypto
{
    /// <summary>The key an encrypting request names, checked for permission, state, usage and algorithm.</summary>
    public static StoredKey EncryptingKey(OperationContext context, string keyId, string action, IReadOnlyDictionary<string, string> encryptionContext, string? algorithm = null)
    {
        var key = context.KeyFor(keyId, action, allowAlias: true, encryptionContext);
        KeyGuard.RequireEnabled(key);
        KeyGuard.RequireSymmetric(key, action);
        KeyGuard.RequireSymmetricAlgorithm(key, algorithm);
        return key;
    }

    /// <summary>Seals under the key's current material; a key in an external key store then has its XKS proxy encrypt that.</summary>
    public static byte[] Seal(OperationContext context, StoredKey key, ReadOnlySpan<byte> plaintext, IReadOnlyDictionary<string, string> encryptionContext)
    {
        var material = key.CurrentMaterial;
        var blob = SymmetricCiphertext.Seal(key.Account, key.KeyId, material.Version, material.Secret, plaintext, encryptionContext);
        if (key.Origin != KeyOrigins.ExternalKeyStore) return blob;
        var sealedByKms = SymmetricCiphertext.Parse(blob);
        var aad = SymmetricCiphertext.Aad(sealedByKms.Header, encryptionContext);
        return [.. sealedByKms.Header, .. ExternalKeys.Encrypt(context, key, blob.AsSpan(sealedByKms.Header.Length), aad)];
    }

    /// <summary>
    /// Finds the key a blob was made under (in this region: a multi-Region replica opens its primary's blobs), checks it
    /// against the key the request named, if any, and the caller's permission; opening is left to <see cref="Open"/>.
    /// </summary>
    public static (StoredKey Key, SymmetricCiphertext Blob) KeyOfBlob(OperationContext context, byte[] blob, string? keyId, string action,
        IReadOnlyDictionary<string, string> encryptionContext, string? algorithm)
    {
        var parsed = SymmetricCiphertext.Parse(blob);
        var key = context.Keys.FindById(parsed.Account, context.Region, parsed.KeyId) ?? throw KmsErrors.CiphertextKeyUnreachable();
        if (keyId is not null && context.Keys.Resolve(keyId).Arn != key.Arn) throw KmsErrors.IncorrectKey();
        context.Auth.Require(key, action, encryptionContext);
        KeyGuard.RequireEnabled(key);
        KeyGuard.RequireSymmetric(key, action);
        KeyGuard.RequireSymmetricAlgorithm(key, algorithm);
        return (key, parsed);
    }

    /// <summary>Opens a blob; for a key in an external key store, after its XKS proxy decrypted the outer layer.</summary>
    public static byte[] Open(OperationContext context, StoredKey key, SymmetricCiphertext blob, IReadOnlyDictionary<string, string> encryptionContext)
    {
        var material = key.Material(blob.MaterialVersion) ?? throw KmsErrors.InvalidCiphertext();
        if (key.Origin != KeyOrigins.ExternalKeyStore) return blob.Open(material.Secret, encryptionContext);
        var outer = ExternalCiphertext.Parse(blob.Body);
        var sealedByKms = ExternalKeys.Decrypt(context, key, outer, SymmetricCiphertext.Aad(blob.Header, encryptionContext));
        try
        {
            return SymmetricCiphertext.Parse([.. blob.Header, .. sealedByKms]).Open(material.Secret, encryptionContext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sealedByKms);
        }
    }

    public static void RejectRecipient(RequestReader request)
    {
        if (request.Has("Recipient")) throw KmsErrors.Unsupported("Recipient (AWS Nitro Enclaves attestation) is not supported by the local KMS.");
    }
}
