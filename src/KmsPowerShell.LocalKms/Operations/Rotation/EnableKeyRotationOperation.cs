using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

internal sealed class EnableKeyRotationOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var period = context.Request.Int("RotationPeriodInDays", 90, 2560) ?? 365;
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireEnabled(key);
        KeyRotator.RequireRotatable(key, managing: true);
        KeyRotator.RequireAutomaticRotatable(key);
        KeyRotator.Configure(context.State, key, true, period, context.Now);
        return new JsonObject();
    }
}
