using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Import;

/// <summary>
/// Imported material of a multi-Region key across its regions, as AWS documents it: KMS copies none of it, so each
/// region's key imports the primary's own material (the same material has the same KeyMaterialId everywhere, being
/// derived from the shared key id), at the primary's version so that every region reads every ciphertext; new material
/// goes into the primary first, and waits there (PENDING_MULTI_REGION_IMPORT_AND_ROTATION) until every replica has it.
/// </summary>
internal static class MultiRegionImports
{
    public const string PendingRotation = "PENDING_ROTATION";
    public const string PendingMultiRegion = "PENDING_MULTI_REGION_IMPORT_AND_ROTATION";

    /// <summary>A new replica's materials: the primary's rotated ones, each waiting for its import in the replica's region.</summary>
    public static List<StoredKeyMaterial> AwaitingImport(StoredKey primary) =>
        [.. primary.Materials.Where(m => !m.PendingRotation).Select(Placeholder)];

    /// <summary>
    /// The entry of the primary's material <paramref name="materialId"/> added to a replica that lacks it (new material
    /// the primary waits to rotate to), in version order; null when the primary has no such material.
    /// </summary>
    public static StoredKeyMaterial? AdoptFromPrimary(KmsState state, StoredKey replica, string materialId)
    {
        var source = state.OtherCopiesOf(replica).FirstOrDefault(k => !k.IsReplica)?.Materials.FirstOrDefault(m => m.MaterialId == materialId);
        if (source is null) return null;
        var entry = Placeholder(source);
        var position = replica.Materials.FindIndex(m => m.Version > entry.Version);
        replica.Materials.Insert(position < 0 ? replica.Materials.Count : position, entry);
        return entry;
    }

    /// <summary>PENDING_ROTATION, or PENDING_MULTI_REGION_IMPORT_AND_ROTATION on a primary while a replica lacks the material.</summary>
    public static string PendingState(KmsState state, StoredKey key, string materialId) =>
        key.MultiRegion && !key.IsReplica && !ImportedInEveryReplica(state, key, materialId) ? PendingMultiRegion : PendingRotation;

    /// <summary>Whether every replica of the primary (but those scheduled for deletion) holds the material now.</summary>
    public static bool ImportedInEveryReplica(KmsState state, StoredKey primary, string materialId) =>
        state.OtherCopiesOf(primary)
            .Where(replica => !KeyStates.IsPendingDeletion(replica.KeyState))
            .All(replica => replica.Materials.Any(m => m.MaterialId == materialId && m.IsPresent));

    /// <summary>Deleting a primary's material that waits for rotation deletes it from the replicas too; a replica's deletion stays in its region.</summary>
    public static void DeleteFromReplicas(KmsState state, StoredKey key, StoredKeyMaterial material)
    {
        if (!key.MultiRegion || key.IsReplica || !material.PendingRotation) return;
        foreach (var replica in state.CopiesOf(key).Where(copy => copy.Arn != key.Arn))
        {
            if (replica.Materials.FirstOrDefault(m => m.MaterialId == material.MaterialId) is { } copy) ImportedMaterial.Delete(replica, copy);
        }
    }

    private static StoredKeyMaterial Placeholder(StoredKeyMaterial source) => new()
    {
        Version = source.Version,
        MaterialId = source.MaterialId,
        CreatedAt = source.CreatedAt,
        ImportState = ImportedMaterial.PendingImport,
        PendingRotation = source.PendingRotation,
    };
}
