using System.Globalization;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

internal sealed class ListKeyRotationsOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var limit = context.Request.Int("Limit", 1, 1000) ?? 100;
        var marker = context.Request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        KeyRotator.RequireRotatable(key, managing: false);

        var numbered = key.Rotations.Select((r, i) => (Rotation: r, Order: i.ToString("D8", CultureInfo.InvariantCulture)));
        var page = Page<(StoredRotation Rotation, string Order)>.Of(numbered, r => r.Order, limit, marker, "ListKeyRotations/" + key.Arn, context.Markers);
        var response = new JsonObject
        {
            ["Rotations"] = new JsonArray(page.Items.Select(r => (JsonNode?)new JsonObject
            {
                ["KeyId"] = key.KeyId,
                ["RotationDate"] = KmsJson.Timestamp(r.Rotation.RotationDate),
                ["RotationType"] = r.Rotation.RotationType,
                ["KeyMaterialId"] = r.Rotation.KeyMaterialId,
            }).ToArray()),
            ["Truncated"] = page.Truncated,
        };
        if (page.NextMarker is not null) response["NextMarker"] = page.NextMarker;
        return response;
    }
}
