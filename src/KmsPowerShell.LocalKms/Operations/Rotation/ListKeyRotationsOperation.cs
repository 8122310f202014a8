using System.Globalization;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Operations.Import;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

/// <summary>
/// Lists the key's rotations, oldest first, each with its material's state (CURRENT or NON_CURRENT, as for every key
/// that rotates); IncludeKeyMaterial ALL_KEY_MATERIAL adds the first material, which has no RotationDate or RotationType.
/// </summary>
internal sealed class ListKeyRotationsOperation : KmsOperation
{
    private const string AllKeyMaterial = "ALL_KEY_MATERIAL";
    private static readonly string[] IncludeKeyMaterialValues = [AllKeyMaterial, "ROTATIONS_ONLY"];

    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var include = context.Request.Enum("IncludeKeyMaterial", IncludeKeyMaterialValues);
        var limit = context.Request.Int("Limit", 1, 1000) ?? 100;
        var marker = context.Request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyRotator.RequireRotatable(key, managing: false);

        var state = context.State;
        var entries = key.Rotations.Select((r, i) => (Entry: Entry(state, key, r.KeyMaterialId, r), Order: Order(i + 1)));
        if (include == AllKeyMaterial && key.Materials.Count > 0)
        {
            entries = entries.Prepend((Entry(state, key, key.Materials[0].MaterialId, null), Order(0)));
            // Imported material waiting for RotateKeyOnDemand (PENDING_ROTATION, or PENDING_MULTI_REGION_IMPORT_AND_ROTATION) comes last.
            entries = entries.Concat(key.Materials.Where(m => m.PendingRotation).Select(m => (Entry(state, key, m.MaterialId, null), Order(int.MaxValue))));
        }
        var scope = $"ListKeyRotations/{include ?? ""}/{key.Arn}";
        var page = Page<(JsonObject Entry, string Order)>.Of(entries, e => e.Order, limit, marker, scope, context.Markers);
        var response = new JsonObject
        {
            ["Rotations"] = new JsonArray(page.Items.Select(e => (JsonNode?)e.Entry).ToArray()),
            ["Truncated"] = page.Truncated,
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }

    private static string MaterialState(KmsState state, StoredKey key, string materialId) =>
        key.Materials.Any(m => m.MaterialId == materialId && m.PendingRotation) ? MultiRegionImports.PendingState(state, key, materialId)
        : materialId == key.CurrentMaterial.MaterialId ? "CURRENT" : "NON_CURRENT";

    /// <summary>The import state and expiry of imported material (ListKeyRotations's RotationsListEntry members).</summary>
    private static void AddImport(JsonObject entry, StoredKeyMaterial material)
    {
        if (material.ImportState is { } state) entry["ImportState"] = state;
        if (material.ExpirationModel is { } model) entry["ExpirationModel"] = model;
        if (material.ValidTo is { } validTo) entry["ValidTo"] = KmsJson.Timestamp(validTo);
        if (material.Description is { } description) entry["KeyMaterialDescription"] = description;
    }

    private static string Order(int position) => position.ToString("D8", CultureInfo.InvariantCulture);

    private static JsonObject Entry(KmsState state, StoredKey key, string materialId, StoredRotation? rotation)
    {
        var entry = new JsonObject
        {
            ["KeyId"] = key.KeyId,
            ["KeyMaterialId"] = materialId,
            ["KeyMaterialState"] = MaterialState(state, key, materialId),
        };
        if (key.IsExternal) AddImport(entry, key.Materials.First(m => m.MaterialId == materialId));
        if (rotation is null) return entry;
        entry["RotationDate"] = KmsJson.Timestamp(rotation.RotationDate);
        entry["RotationType"] = rotation.RotationType;
        return entry;
    }
}
