using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.Tags;

internal sealed class TagResourceOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var tags = TagList.Read(context.Request, "Tags", required: true);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireManageable(key);
        TagList.CheckRules(tags);
        var before = TagList.Copy(key.Tags);
        try
        {
            TagList.Merge(key, tags);
        }
        catch
        {
            key.Tags = before;
            throw;
        }
        return new JsonObject();
    }
}
