using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

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
        // The API reference: while a key is pending deletion its rotation status is false; cancelling restores it.
        var enabled = key.RotationEnabled && !KeyStates.IsPendingDeletion(key.KeyState);
        var response = new JsonObject { ["KeyRotationEnabled"] = enabled, ["KeyId"] = key.Arn };
        if (enabled)
        {
            response["RotationPeriodInDays"] = key.RotationPeriodInDays;
            if (key.NextRotationDate is { } next) response["NextRotationDate"] = KmsJson.Timestamp(next);
        }
        return response;
    }
}
