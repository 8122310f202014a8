using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Import;

/// <summary>
/// Deletes imported key material (the current one, or the one KeyMaterialId names): the key goes PendingImport; new
/// material that waited for rotation is dropped instead, from the replicas of a multi-Region primary too.
/// </summary>
internal sealed class DeleteImportedKeyMaterialOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var materialId = context.Request.String("KeyMaterialId", 64, 64, pattern: KmsPatterns.KeyMaterialId());
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        ImportGuard.RequireImportable(key);
        if (key.Materials.Count == 0) throw KmsErrors.InvalidState($"{key.Arn} has no imported key material to delete.");
        var material = materialId is null ? key.CurrentMaterial
            : key.Materials.FirstOrDefault(m => m.MaterialId == materialId)
              ?? throw KmsErrors.NotFound($"Key material '{materialId}' is not associated with {key.Arn}.");
        ImportedMaterial.Delete(key, material);
        MultiRegionImports.DeleteFromReplicas(context.State, key, material);
        return new JsonObject { ["KeyId"] = key.Arn, ["KeyMaterialId"] = material.MaterialId };
    }
}
