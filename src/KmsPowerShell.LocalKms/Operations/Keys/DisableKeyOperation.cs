using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Keys;

internal sealed class DisableKeyOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireNotPendingDeletion(key);
        KeyGuard.RequireMaterialAvailable(key);
        key.KeyState = KeyStates.Disabled;
        return new JsonObject();
    }
}
