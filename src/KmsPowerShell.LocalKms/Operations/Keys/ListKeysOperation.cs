using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Keys;

internal sealed class ListKeysOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var limit = context.Request.Int("Limit", 1, 1000) ?? 100;
        var marker = context.Request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        context.Request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission("ListKeys");

        var keys = context.State.Keys.Values.Where(k => k.Account == context.Account && k.Region == context.Region);
        var page = Page<StoredKey>.Of(keys, k => k.KeyId, limit, marker, $"ListKeys/{context.Account}/{context.Region}", context.Markers);
        var response = new JsonObject
        {
            ["Keys"] = new JsonArray(page.Items.Select(k => (JsonNode?)new JsonObject { ["KeyId"] = k.KeyId, ["KeyArn"] = k.Arn }).ToArray()),
            ["Truncated"] = page.Truncated,
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }
}
