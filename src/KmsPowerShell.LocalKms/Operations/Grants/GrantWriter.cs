using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Grants;

/// <summary>Writes a grant as the GrantListEntry of ListGrants and ListRetirableGrants.</summary>
internal static class GrantWriter
{
    public static JsonObject Write(StoredGrant grant)
    {
        var entry = new JsonObject
        {
            ["KeyId"] = grant.KeyArn,
            ["GrantId"] = grant.GrantId,
            ["CreationDate"] = KmsJson.Timestamp(grant.CreationDate),
            ["GranteePrincipal"] = grant.GranteePrincipal,
            ["IssuingAccount"] = grant.IssuingAccount,
            ["Operations"] = KmsJson.Strings(grant.Operations),
        };
        if (grant.Name is not null) entry["Name"] = grant.Name;
        if (grant.RetiringPrincipal is not null) entry["RetiringPrincipal"] = grant.RetiringPrincipal;
        if (grant.HasConstraints)
        {
            var constraints = new JsonObject();
            if (grant.EncryptionContextSubset is { } subset) constraints["EncryptionContextSubset"] = KmsJson.Map(subset);
            if (grant.EncryptionContextEquals is { } equals) constraints["EncryptionContextEquals"] = KmsJson.Map(equals);
            entry["Constraints"] = constraints;
        }
        return entry;
    }

    /// <summary>
    /// The Limit of ListGrants and ListRetirableGrants: the API model takes 1 to 1000 (so 1001 is AWS's model
    /// ValidationException), and a page holds at most 100 grants, as the API reference says; 50 when none is given.
    /// </summary>
    public static int Limit(RequestReader request) => Math.Min(request.Int("Limit", 1, 1000) ?? 50, 100);

    public static JsonObject Page(Page<StoredGrant> page)
    {
        var response = new JsonObject
        {
            ["Grants"] = new JsonArray(page.Items.Select(g => (JsonNode?)Write(g)).ToArray()),
            ["Truncated"] = page.Truncated,
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }
}
