using System.Security.Cryptography;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>
/// What GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext share: a new key pair of any DataKeyPairSpec, its
/// private key (PKCS#8 DER) sealed under a symmetric KMS key, and its public key (DER SubjectPublicKeyInfo).
/// </summary>
internal sealed record DataKeyPairRequest(StoredKey Key, string KeyPairSpec, byte[] PrivateKey, byte[] PrivateKeyCiphertext, byte[] PublicKey)
{
    public static DataKeyPairRequest Execute(OperationContext context, string action)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var encryptionContext = request.StringMap("EncryptionContext");
        var pairSpec = request.Enum("KeyPairSpec", KmsDataKeySpecs.Pair, required: true) ?? "";
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        SymmetricCrypto.RejectRecipient(request);
        context.UseGrantTokens(tokens);

        var key = SymmetricCrypto.EncryptingKey(context, keyId, action, encryptionContext);
        // "You cannot use an asymmetric KMS key or a KMS key in a custom key store" (the API reference; AWS's text is not public).
        if (key.CustomKeyStoreId is not null) throw KmsErrors.Unsupported($"{key.Arn} is in custom key store {key.CustomKeyStoreId}: data key pairs cannot be generated under keys in custom key stores.");
        if (dryRun) throw KmsErrors.DryRun();
        // Every DataKeyPairSpec is a key spec the local KMS makes (the vocabulary tests hold the two lists together).
        var (privateKey, publicKey) = DataKeyPairs.Generate(KmsKeySpec.Find(pairSpec)!, context.Now);
        try
        {
            return new DataKeyPairRequest(key, pairSpec, privateKey, SymmetricCrypto.Seal(context, key, privateKey, encryptionContext), publicKey);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(privateKey);
            throw;
        }
    }

    public void ZeroPrivateKey() => CryptographicOperations.ZeroMemory(PrivateKey);
}
