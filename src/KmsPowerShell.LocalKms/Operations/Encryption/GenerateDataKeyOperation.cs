using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Encryption;

internal sealed class GenerateDataKeyOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var dataKey = DataKeyRequest.Execute(context, Name);
        var response = new JsonObject
        {
            ["CiphertextBlob"] = KmsJson.Blob(dataKey.CiphertextBlob),
            ["Plaintext"] = KmsJson.Blob(dataKey.Plaintext),
            ["KeyId"] = dataKey.Key.Arn,
            ["KeyMaterialId"] = dataKey.Key.CurrentMaterial.MaterialId,
        };
        CryptographicOperations.ZeroMemory(dataKey.Plaintext);
        return response;
    }
}
