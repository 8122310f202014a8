using System.Security.Cryptography;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>What GenerateDataKey and GenerateDataKeyWithoutPlaintext share: reading the request and making the key.</summary>
internal sealed record DataKeyRequest(StoredKey Key, byte[] Plaintext, byte[] CiphertextBlob)
{
    public static DataKeyRequest Execute(OperationContext context, string action)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var encryptionContext = request.StringMap("EncryptionContext");
        var numberOfBytes = request.Int("NumberOfBytes", 1, 1024);
        var spec = request.Enum("KeySpec", KmsDataKeySpecs.Symmetric);
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        if ((numberOfBytes is null) == (spec is null)) throw KmsErrors.Validation("Please specify either number of bytes or key spec.");
        SymmetricCrypto.RejectRecipient(request);
        context.UseGrantTokens(tokens);

        var key = SymmetricCrypto.EncryptingKey(context, keyId, action, encryptionContext);
        if (dryRun) throw KmsErrors.DryRun();
        var plaintext = RandomNumberGenerator.GetBytes(numberOfBytes ?? (spec == KmsDataKeySpecs.Aes128 ? 16 : 32));
        return new DataKeyRequest(key, plaintext, SymmetricCrypto.Seal(context, key, plaintext, encryptionContext));
    }
}
