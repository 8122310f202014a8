using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

/// <summary>
/// Decrypts under the source key and encrypts under the destination (either symmetric or RSA); the caller needs
/// ReEncryptFrom and ReEncryptTo.
/// </summary>
internal sealed class ReEncryptOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var dryRun = CiphertextDryRun.Read(request);
        var blob = request.Blob("CiphertextBlob", 1, 6144, required: !dryRun.IgnoreCiphertext) ?? [];
        var sourceContext = request.StringMap("SourceEncryptionContext");
        var sourceKeyId = request.String("SourceKeyId", 1, 2048);
        var destinationKeyId = request.RequiredString("DestinationKeyId", 1, 2048);
        var destinationContext = request.StringMap("DestinationEncryptionContext");
        var sourceAlgorithm = request.Enum("SourceEncryptionAlgorithm", KmsAlgorithms.Encryption);
        var destinationAlgorithm = request.Enum("DestinationEncryptionAlgorithm", KmsAlgorithms.Encryption);
        var tokens = context.ReadGrantTokens();
        request.ThrowIfInvalid();
        context.UseGrantTokens(tokens);

        if (dryRun.IgnoreCiphertext)
        {
            CiphertextDryRun.AuthorizeNamedKey(context, sourceKeyId, "SourceKeyId", "ReEncryptFrom", sourceContext);
            KeyCipher.ForEncrypt(context, destinationKeyId, "ReEncryptTo", destinationContext, destinationAlgorithm);
            throw KmsErrors.DryRun();
        }
        var source = KeyCipher.ForDecrypt(context, blob, sourceKeyId, "ReEncryptFrom", sourceContext, sourceAlgorithm);
        var destination = KeyCipher.ForEncrypt(context, destinationKeyId, "ReEncryptTo", destinationContext, destinationAlgorithm);
        var plaintext = KeyCipher.Decrypt(context, source, blob, sourceContext);
        try
        {
            KeyCipher.RequireFits(destination, plaintext.Length);
            if (dryRun.DryRun) throw KmsErrors.DryRun();
            var response = new JsonObject
            {
                ["CiphertextBlob"] = KmsJson.Blob(KeyCipher.Encrypt(context, destination, plaintext, destinationContext)),
                ["SourceKeyId"] = source.Key.Arn,
                ["KeyId"] = destination.Key.Arn,
                ["SourceEncryptionAlgorithm"] = source.Algorithm,
                ["DestinationEncryptionAlgorithm"] = destination.Algorithm,
            };
            // Present only for a symmetric key on that side, as the API reference says.
            if (source.SymmetricBlob is { } parsed) response["SourceKeyMaterialId"] = source.Key.Material(parsed.MaterialVersion)?.MaterialId;
            if (destination.IsSymmetric) response["DestinationKeyMaterialId"] = destination.Key.CurrentMaterial.MaterialId;
            return response;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
