using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>Lists the caller's custom key stores in the region, or the one named by id or name, in pages.</summary>
internal sealed class DescribeCustomKeyStoresOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var id = request.String("CustomKeyStoreId", 1, 64);
        var name = request.String("CustomKeyStoreName", 1, 256);
        var limit = request.Int("Limit", 1, 1000) ?? 1000;
        var marker = request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var stores = CustomKeyStoreLookup.InScope(context)
            .Where(s => (id is null || s.CustomKeyStoreId == id) && (name is null || s.CustomKeyStoreName == name)).ToList();
        if ((id ?? name) is { } named && stores.Count == 0) throw CustomKeyStoreLookup.NotFound(named);
        var page = Page<StoredCustomKeyStore>.Of(stores, s => s.CustomKeyStoreId, limit, marker, $"{Name}/{context.Account}/{context.Region}", context.Markers);
        var response = new JsonObject
        {
            ["CustomKeyStores"] = new JsonArray(page.Items.Select(s => (JsonNode?)CustomKeyStoreWriter.Write(s)).ToArray()),
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        response["Truncated"] = page.Truncated;
        return response;
    }
}
