using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.Keys;

internal sealed class UpdateKeyDescriptionOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var description = context.Request.String("Description", 0, 8192, required: true) ?? "";
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireManageable(key);
        key.Description = description;
        return new JsonObject();
    }
}
