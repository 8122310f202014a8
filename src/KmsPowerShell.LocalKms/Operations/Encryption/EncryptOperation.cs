using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

internal sealed class EncryptOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var plaintext = request.Blob("Plaintext", 1, 4096, required: true) ?? [];
        var encryptionContext = request.StringMap("EncryptionContext");
        var algorithm = request.Enum("EncryptionAlgorithm", KmsAlgorithms.Encryption);
        var tokens = context.ReadGrantTokens();
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        var target = KeyCipher.ForEncrypt(context, keyId, Name, encryptionContext, algorithm);
        KeyCipher.RequireFits(target, plaintext.Length);
        if (dryRun) throw KmsErrors.DryRun();
        return new JsonObject
        {
            ["CiphertextBlob"] = KmsJson.Blob(KeyCipher.Encrypt(context, target, plaintext, encryptionContext)),
            ["KeyId"] = target.Key.Arn,
            ["EncryptionAlgorithm"] = target.Algorithm,
        };
    }
}
