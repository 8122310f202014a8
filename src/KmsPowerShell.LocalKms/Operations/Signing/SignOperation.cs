using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Signing;

internal sealed class SignOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = SignatureRequest.Read(context, Name, withSignature: false);
        using var key = request.LoadKey();
        return new JsonObject
        {
            ["KeyId"] = request.Key.Arn,
            ["Signature"] = KmsJson.Blob(key.Sign(request.Algorithm, request.MessageType, request.Message)),
            ["SigningAlgorithm"] = request.Algorithm,
        };
    }
}
