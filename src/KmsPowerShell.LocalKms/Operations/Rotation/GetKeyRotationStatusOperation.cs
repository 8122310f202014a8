using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

internal sealed class GetKeyRotationStatusOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyRotator.RequireRotatable(key, managing: false);
        var response = new JsonObject { ["KeyRotationEnabled"] = key.RotationEnabled, ["KeyId"] = key.Arn };
        if (key.RotationEnabled)
        {
            response["RotationPeriodInDays"] = key.RotationPeriodInDays;
            if (key.NextRotationDate is { } next) response["NextRotationDate"] = KmsJson.Timestamp(next);
        }
        return response;
    }
}
