using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.KeyEncapsulation;

/// <summary>A new 32-byte shared secret and its ML-KEM ciphertext under the key's public key.</summary>
internal sealed class EncapsulateOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = EncapsulationRequest.Read(context, Name, withCiphertext: false);
        if (request.DryRun) throw KmsErrors.DryRun();
        var (secret, ciphertext) = request.MlKem.Encapsulate();
        return new JsonObject
        {
            ["KeyId"] = request.Key.Arn,
            ["SharedSecret"] = KmsJson.SecretBlob(secret),
            ["SharedSecretCiphertextBlob"] = KmsJson.Blob(ciphertext),
            ["EncapsulationAlgorithm"] = request.Algorithm,
        };
    }
}
