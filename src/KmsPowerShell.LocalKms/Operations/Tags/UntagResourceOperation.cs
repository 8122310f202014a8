using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.Tags;

internal sealed class UntagResourceOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        // The API model puts no bound on how many keys one request names.
        var tagKeys = context.Request.StringList("TagKeys", int.MaxValue, 1, 128, required: true);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireManageable(key);
        key.Tags.RemoveAll(t => tagKeys.Contains(t.TagKey));
        return new JsonObject();
    }
}
