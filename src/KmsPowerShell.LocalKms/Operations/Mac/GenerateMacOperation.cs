using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Mac;

internal sealed class GenerateMacOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = MacRequest.Read(context, Name, withMac: false);
        return new JsonObject
        {
            ["Mac"] = KmsJson.Blob(request.Compute()),
            ["MacAlgorithm"] = request.Algorithm,
            ["KeyId"] = request.Key.Arn,
        };
    }
}
