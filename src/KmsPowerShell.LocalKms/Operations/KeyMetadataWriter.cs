using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>Writes a key as the KeyMetadata structure of DescribeKey, CreateKey and ReplicateKey.</summary>
internal static class KeyMetadataWriter
{
    public static JsonObject Write(StoredKey key, KmsState state)
    {
        var spec = KeySpecCatalog.Of(key);
        var metadata = new JsonObject
        {
            ["AWSAccountId"] = key.Account,
            ["KeyId"] = key.KeyId,
            ["Arn"] = key.Arn,
            ["CreationDate"] = KmsJson.Timestamp(key.CreationDate),
            ["Enabled"] = key.KeyState == KeyStates.Enabled,
            ["Description"] = key.Description,
            ["KeyUsage"] = key.KeyUsage,
            ["KeyState"] = key.KeyState,
            ["Origin"] = key.Origin,
            ["KeyManager"] = key.KeyManager,
            ["CustomerMasterKeySpec"] = key.KeySpec,
            ["KeySpec"] = key.KeySpec,
            ["MultiRegion"] = key.MultiRegion,
        };
        if (key.CustomKeyStoreId is { } storeId)
        {
            metadata["CustomKeyStoreId"] = storeId;
            var store = state.CustomKeyStores.Values.FirstOrDefault(s => s.CustomKeyStoreId == storeId && s.Account == key.Account && s.Region == key.Region);
            if (store?.CloudHsmClusterId is { } cluster) metadata["CloudHsmClusterId"] = cluster;
        }
        if (key.XksKeyId is { } xksKeyId) metadata["XksKeyConfiguration"] = new JsonObject { ["Id"] = xksKeyId };
        if (key.DeletionDate is { } deletion) metadata["DeletionDate"] = KmsJson.Timestamp(deletion);
        if (key.KeyState == KeyStates.PendingReplicaDeletion) metadata["PendingDeletionWindowInDays"] = key.PendingWindowInDays;
        AddAlgorithms(metadata, "EncryptionAlgorithms", spec.EncryptionAlgorithms(key.KeyUsage));
        AddAlgorithms(metadata, "SigningAlgorithms", spec.SigningAlgorithms(key.KeyUsage));
        AddAlgorithms(metadata, "MacAlgorithms", spec.MacAlgorithms(key.KeyUsage));
        AddAlgorithms(metadata, "KeyAgreementAlgorithms", spec.KeyAgreementAlgorithms(key.KeyUsage));
        AddAlgorithms(metadata, "EncapsulationAlgorithms", spec.EncapsulationAlgorithms(key.KeyUsage));
        // A replica being created has no key material in its region yet (ReplicateKey's answer has no CurrentKeyMaterialId).
        if (spec.Family == KmsKeyFamily.Symmetric && key.KeyState != KeyStates.Creating && key.Materials.Count > 0)
        {
            metadata["CurrentKeyMaterialId"] = key.CurrentMaterial.MaterialId;
        }
        if (key.IsExternal) AddExpiration(metadata, key);
        if (key.MultiRegion) metadata["MultiRegionConfiguration"] = MultiRegionConfiguration(key, state);
        return metadata;
    }

    /// <summary>DescribeKey's ExpirationModel and ValidTo: those of the current imported material, once there is one.</summary>
    private static void AddExpiration(JsonObject metadata, StoredKey key)
    {
        if (key.Materials.Count == 0 || key.CurrentMaterial.ExpirationModel is not { } model) return;
        metadata["ExpirationModel"] = model;
        if (key.CurrentMaterial.ValidTo is { } validTo) metadata["ValidTo"] = KmsJson.Timestamp(validTo);
    }

    private static void AddAlgorithms(JsonObject metadata, string member, IReadOnlyList<string> algorithms)
    {
        if (algorithms.Count > 0) metadata[member] = KmsJson.Strings(algorithms);
    }

    private static JsonObject MultiRegionConfiguration(StoredKey key, KmsState state)
    {
        var copies = state.CopiesOf(key).OrderBy(k => k.Region, StringComparer.Ordinal).ToList();
        var primary = copies.FirstOrDefault(k => !k.IsReplica);
        var configuration = new JsonObject { ["MultiRegionKeyType"] = key.IsReplica ? "REPLICA" : "PRIMARY" };
        if (primary is not null) configuration["PrimaryKey"] = new JsonObject { ["Arn"] = primary.Arn, ["Region"] = primary.Region };
        configuration["ReplicaKeys"] = new JsonArray(copies.Where(k => k.IsReplica)
            .Select(k => (JsonNode?)new JsonObject { ["Arn"] = k.Arn, ["Region"] = k.Region }).ToArray());
        return configuration;
    }
}
