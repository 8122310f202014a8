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
        var blob = request.Blob("CiphertextBlob", 1, 6144, required: true) ?? [];
        var encryptionContext = request.StringMap("EncryptionContext");
        var keyId = request.String("KeyId", 1, 2048);
        var algorithm = request.Enum("EncryptionAlgorithm", KmsAlgorithms.Encryption);
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        SymmetricCrypto.RejectRecipient(request);
        context.UseGrantTokens(tokens);

        var source = KeyCipher.ForDecrypt(context, blob, keyId, Name, encryptionContext, algorithm);
        if (dryRun) throw KmsErrors.DryRun();
        var plaintext = KeyCipher.Decrypt(source, blob, encryptionContext);
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
