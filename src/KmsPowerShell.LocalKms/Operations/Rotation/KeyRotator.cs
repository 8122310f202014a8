using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations.Rotation;

/// <summary>
/// Adds new key material to a key (and to every replica of a multi-Region key, which share material). New
/// ciphertexts use the newest material; old ciphertexts name their version, which stays, so they still decrypt.
/// </summary>
internal static class KeyRotator
{
    public const string Automatic = "AUTOMATIC";
    public const string OnDemand = "ON_DEMAND";

    public static void Rotate(KmsState state, StoredKey key, string rotationType, DateTimeOffset now)
    {
        var material = KeyMaterialFactory.Create(KeySpecCatalog.Of(key), key.CurrentMaterial.Version + 1, now);
        var copies = key.MultiRegion ? state.CopiesOf(key).ToList() : [key];
        foreach (var copy in copies)
        {
            copy.Materials.Add(material);
            copy.Rotations.Add(new StoredRotation { RotationDate = now, RotationType = rotationType, KeyMaterialId = material.MaterialId });
            if (copy.RotationEnabled && copy.RotationPeriodInDays is { } days && rotationType == Automatic)
            {
                copy.NextRotationDate = now.AddDays(days);
            }
        }
    }

    /// <summary>
    /// On-demand rotation of a key with imported material: the material imported as NEW_KEY_MATERIAL becomes current
    /// (the local KMS cannot make material for such a key). UnsupportedOperationException when none waits.
    /// </summary>
    public static void RotateImported(StoredKey key, DateTimeOffset now)
    {
        var pending = key.Materials.FirstOrDefault(m => m.PendingRotation)
            ?? throw KmsErrors.Unsupported($"{key.Arn} has imported key material: import NEW_KEY_MATERIAL before rotating it on demand.");
        pending.PendingRotation = false;
        key.Rotations.Add(new StoredRotation { RotationDate = now, RotationType = OnDemand, KeyMaterialId = pending.MaterialId });
    }

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
        var copies = key.MultiRegion ? state.CopiesOf(key).ToList() : [key];
        foreach (var copy in copies)
        {
            copy.RotationEnabled = enabled;
            copy.RotationPeriodInDays = enabled ? periodInDays : null;
            copy.NextRotationDate = enabled && periodInDays is { } days ? now.AddDays(days) : null;
        }
    }
}
