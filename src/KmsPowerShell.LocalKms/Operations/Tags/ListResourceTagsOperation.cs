using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Tags;

internal sealed class ListResourceTagsOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        // The API model takes 1 to 1000; a page holds at most 50 tags, as the API reference says.
        var limit = Math.Min(context.Request.Int("Limit", 1, 1000) ?? 50, 50);
        var marker = context.Request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        var page = Page<StoredTag>.Of(key.Tags, t => t.TagKey, limit, marker, "ListResourceTags/" + key.Arn, context.Markers);
        var response = new JsonObject { ["Tags"] = TagList.Write(page.Items), ["Truncated"] = page.Truncated };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }
}
