using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

internal sealed class DecryptOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var dryRun = CiphertextDryRun.Read(request);
        var blob = request.Blob("CiphertextBlob", 1, 6144, required: !dryRun.IgnoreCiphertext) ?? [];
        var encryptionContext = request.StringMap("EncryptionContext");
        var keyId = request.String("KeyId", 1, 2048);
        var algorithm = request.Enum("EncryptionAlgorithm", KmsAlgorithms.Encryption);
        var tokens = context.ReadGrantTokens();
        request.ThrowIfInvalid();
        SymmetricCrypto.RejectRecipient(request);
        context.UseGrantTokens(tokens);

        if (dryRun.IgnoreCiphertext)
        {
            CiphertextDryRun.AuthorizeNamedKey(context, keyId, "KeyId", Name, encryptionContext);
            throw KmsErrors.DryRun();
        }
        var source = KeyCipher.ForDecrypt(context, blob, keyId, Name, encryptionContext, algorithm);
        var plaintext = KeyCipher.Decrypt(context, source, blob, encryptionContext);
        if (dryRun.DryRun)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw KmsErrors.DryRun();
        }
        var response = new JsonObject
        {
            ["KeyId"] = source.Key.Arn,
            ["Plaintext"] = KmsJson.Blob(plaintext),
            ["EncryptionAlgorithm"] = source.Algorithm,
        };
        if (source.SymmetricBlob is { } parsed) response["KeyMaterialId"] = source.Key.Material(parsed.MaterialVersion)?.MaterialId;
        return response;
    }
}
