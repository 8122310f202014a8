using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

internal sealed class GenerateDataKeyWithoutPlaintextOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var dataKey = DataKeyRequest.Execute(context, Name);
        CryptographicOperations.ZeroMemory(dataKey.Plaintext);
        return new JsonObject
        {
            ["CiphertextBlob"] = KmsJson.Blob(dataKey.CiphertextBlob),
            ["KeyId"] = dataKey.Key.Arn,
            ["KeyMaterialId"] = dataKey.Key.CurrentMaterial.MaterialId,
        };
    }
}
