using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

internal sealed class DisableKeyRotationOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireEnabled(key);
        KeyRotator.RequireRotatable(key, managing: true);
        KeyRotator.Configure(context.State, key, false, null, context.Now);
        return new JsonObject();
    }
}
