using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

internal sealed class RotateKeyOnDemandOperation : KmsOperation
{
    /// <summary>AWS's quota of on-demand rotations per key (25 in the API reference since it was raised from 10; not adjustable).</summary>
    public const int MaxOnDemandRotations = 25;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireEnabled(key);
        KeyRotator.RequireRotatable(key, managing: true);
        if (key.Rotations.Count(r => r.RotationType == KeyRotator.OnDemand) >= MaxOnDemandRotations)
        {
            throw KmsErrors.LimitExceeded($"{key.Arn} has reached the limit of {MaxOnDemandRotations} on-demand rotations.");
        }
        if (key.IsExternal) KeyRotator.RotateImported(context.State, key, context.Now);
        else KeyRotator.Rotate(context.State, key, KeyRotator.OnDemand, context.Now);
        return new JsonObject { ["KeyId"] = key.Arn };
    }
}
