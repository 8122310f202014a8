using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Operations.Import;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

/// <summary>
/// Makes new key material current in a key and in every replica of a multi-Region key: material KMS makes (shared by
/// the replicas), or imported material that every region imported itself. New ciphertexts use the newest material;
/// old ciphertexts name their version, which stays, so they still decrypt.
/// </summary>
internal static class KeyRotator
{
    public const string Automatic = "AUTOMATIC";
    public const string OnDemand = "ON_DEMAND";

    public static void Rotate(KmsState state, StoredKey key, string rotationType, DateTimeOffset now)
    {
        var material = KeyMaterialFactory.Create(KeySpecCatalog.Of(key), key.CurrentMaterial.Version + 1, now);
        foreach (var copy in CopiesOf(state, key))
        {
            copy.Materials.Add(material);
            AddRotation(copy, rotationType, material.MaterialId, now);
            if (copy.RotationEnabled && copy.RotationPeriodInDays is { } days && rotationType == Automatic)
            {
                copy.NextRotationDate = now.AddDays(days);
            }
        }
    }

    /// <summary>
    /// On-demand rotation of a key with imported material: the material imported as NEW_KEY_MATERIAL becomes current
    /// (the local KMS cannot make material for such a key). UnsupportedOperationException when none waits;
    /// KMSInvalidStateException while a replica of a multi-Region primary has not imported it yet.
    /// </summary>
    public static void RotateImported(KmsState state, StoredKey key, DateTimeOffset now)
    {
        var pending = key.Materials.FirstOrDefault(m => m.PendingRotation)
            ?? throw KmsErrors.Unsupported($"{key.Arn} has imported key material: import NEW_KEY_MATERIAL before rotating it on demand.");
        if (MultiRegionImports.PendingState(state, key, pending.MaterialId) == MultiRegionImports.PendingMultiRegion)
        {
            // AWS's text is not public; the API reference: import into every replica before RotateKeyOnDemand on the primary.
            throw KmsErrors.InvalidState($"{key.Arn} has new key material that not every replica key has: import it into each replica with ImportType EXISTING_KEY_MATERIAL before rotating the primary key.");
        }
        foreach (var copy in CopiesOf(state, key))
        {
            // A replica scheduled for deletion may lack it; it rotates nothing.
            if (copy.Materials.FirstOrDefault(m => m.MaterialId == pending.MaterialId && m.PendingRotation) is not { } material) continue;
            material.PendingRotation = false;
            AddRotation(copy, OnDemand, material.MaterialId, now);
        }
    }

    private static List<StoredKey> CopiesOf(KmsState state, StoredKey key) => key.MultiRegion ? [.. state.CopiesOf(key)] : [key];

    private static void AddRotation(StoredKey key, string rotationType, string materialId, DateTimeOffset now) =>
        key.Rotations.Add(new StoredRotation { RotationDate = now, RotationType = rotationType, KeyMaterialId = materialId });

    /// <summary>Automatic rotation needs material the local KMS makes: not for imported material, as in AWS.</summary>
    public static void RequireAutomaticRotatable(StoredKey key)
    {
        if (key.IsExternal) throw KmsErrors.Unsupported($"{key.Arn} has imported key material, which does not support automatic rotation.");
    }

    /// <summary>Rotation is for symmetric encryption keys, and is managed on the primary of a multi-Region key.</summary>
    public static void RequireRotatable(StoredKey key, bool managing)
    {
        if (key.KeySpec != KmsKeySpec.SymmetricDefault)
        {
            throw KmsErrors.Unsupported($"{key.Arn} key spec {key.KeySpec} does not support automatic or on-demand rotation.");
        }
        if (key.CustomKeyStoreId is not null)
        {
            throw KmsErrors.Unsupported($"{key.Arn} is in custom key store {key.CustomKeyStoreId}, whose keys do not support automatic or on-demand rotation.");
        }
        if (managing && key.IsReplica)
        {
            throw KmsErrors.Unsupported($"{key.Arn} is a multi-Region replica key; manage its rotation on the primary key in {key.PrimaryRegion}.");
        }
    }

    /// <summary>Applies rotation settings to the key and, for a multi-Region primary, to its replicas.</summary>
    public static void Configure(KmsState state, StoredKey key, bool enabled, int? periodInDays, DateTimeOffset now)
    {
        foreach (var copy in CopiesOf(state, key))
        {
            copy.RotationEnabled = enabled;
            copy.RotationPeriodInDays = enabled ? periodInDays : null;
            copy.NextRotationDate = enabled && periodInDays is { } days ? now.AddDays(days) : null;
        }
    }
}
