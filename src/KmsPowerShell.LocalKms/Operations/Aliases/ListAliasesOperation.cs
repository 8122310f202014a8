using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Aliases;

/// <summary>
/// Lists the caller's aliases in the region, or those of one key. Without a key, AWS's predefined aliases
/// (alias/aws/&lt;service&gt;) whose AWS managed key is not made yet are listed too, with AliasName and AliasArn only, as
/// the API reference says ("aliases that do not have a TargetKeyId field").
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

        var stored = context.State.Aliases.Values.Where(a => a.Account == context.Account && a.Region == context.Region).ToList();
        var aliases = stored.Select(Entry);
        var scope = $"ListAliases/{context.Account}/{context.Region}";
        if (keyId is not null)
        {
            var key = context.KeyFor(keyId, Name);
            aliases = stored.Where(a => a.TargetKeyId == key.KeyId).Select(Entry);
            scope += "/" + key.KeyId;
        }
        else
        {
            context.Auth.RequireAccountPermission(Name);
            var made = stored.Select(a => a.AliasName).ToHashSet(StringComparer.Ordinal);
            aliases = aliases.Concat(AwsManagedKeys.PredefinedAliasNames.Where(name => !made.Contains(name))
                .Select(name => new JsonObject { ["AliasName"] = name, ["AliasArn"] = context.Keys.AliasArn(context.Account, name) }));
        }
        var page = Page<JsonObject>.Of(aliases, a => (string)a["AliasName"]!, limit, marker, scope, context.Markers);
        var response = new JsonObject
        {
            ["Aliases"] = new JsonArray(page.Items.Select(a => (JsonNode?)a).ToArray()),
            ["Truncated"] = page.Truncated,
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }

    private static JsonObject Entry(StoredAlias alias) => new()
    {
        ["AliasName"] = alias.AliasName,
        ["AliasArn"] = alias.AliasArn,
        ["TargetKeyId"] = alias.TargetKeyId,
        ["CreationDate"] = KmsJson.Timestamp(alias.CreationDate),
        ["LastUpdatedDate"] = KmsJson.Timestamp(alias.LastUpdatedDate),
    };
}
