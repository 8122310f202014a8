using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

/// <summary>
/// Lists the caller's aliases in the region, or those of one key. An AWS managed alias is listed once its key is made
/// (AWS also lists its predefined aliases before then, without TargetKeyId; the local KMS does not).
/// </summary>
internal sealed class ListAliasesOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.String("KeyId", 1, 2048);
        // The API model takes 1 to 1000; a page holds at most 100 aliases, as the API reference says.
        var limit = Math.Min(context.Request.Int("Limit", 1, 1000) ?? 50, 100);
        var marker = context.Request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        context.Request.ThrowIfInvalid();

        var aliases = context.State.Aliases.Values.Where(a => a.Account == context.Account && a.Region == context.Region);
        var scope = $"ListAliases/{context.Account}/{context.Region}";
        if (keyId is not null)
        {
            var key = context.KeyFor(keyId, Name);
            aliases = aliases.Where(a => a.TargetKeyId == key.KeyId);
            scope += "/" + key.KeyId;
        }
        else
        {
            context.Auth.RequireAccountPermission(Name);
        }
        var page = Page<StoredAlias>.Of(aliases, a => a.AliasName, limit, marker, scope, context.Markers);
        var response = new JsonObject
        {
            ["Aliases"] = new JsonArray(page.Items.Select(a => (JsonNode?)new JsonObject
            {
                ["AliasName"] = a.AliasName,
                ["AliasArn"] = a.AliasArn,
                ["TargetKeyId"] = a.TargetKeyId,
                ["CreationDate"] = KmsJson.Timestamp(a.CreationDate),
                ["LastUpdatedDate"] = KmsJson.Timestamp(a.LastUpdatedDate),
            }).ToArray()),
            ["Truncated"] = page.Truncated,
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }
}
