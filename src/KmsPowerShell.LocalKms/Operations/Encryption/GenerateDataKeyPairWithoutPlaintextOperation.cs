using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

internal sealed class GenerateDataKeyPairWithoutPlaintextOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var pair = DataKeyPairRequest.Execute(context, Name);
        pair.ZeroPrivateKey();
        return new JsonObject
        {
            ["PrivateKeyCiphertextBlob"] = KmsJson.Blob(pair.PrivateKeyCiphertext),
            ["PublicKey"] = KmsJson.Blob(pair.PublicKey),
            ["KeyId"] = pair.Key.Arn,
            ["KeyPairSpec"] = pair.KeyPairSpec,
            ["KeyMaterialId"] = pair.Key.CurrentMaterial.MaterialId,
        };
    }
}
