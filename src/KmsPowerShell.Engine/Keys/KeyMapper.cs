using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.Engine.Keys;

/// <summary>Turns the SDK's KeyMetadata into our KmsKey, so no SDK type crosses the engine boundary.</summary>
internal static class KeyMapper
{
    public static KmsKey ToKmsKey(KeyMetadata metadata, string region, IReadOnlyList<KmsAlias> aliases)
    {
        var key = new KmsKey(metadata.KeyId, metadata.Arn, region)
        {
            State = metadata.KeyState?.Value ?? "",
            Enabled = metadata.Enabled == true,
            KeySpec = metadata.KeySpec?.Value ?? "",
            KeyUsage = metadata.KeyUsage?.Value ?? "",
            Description = metadata.Description ?? "",
            CreationDate = metadata.CreationDate?.ToLocalTime(),
            DeletionDate = metadata.DeletionDate?.ToLocalTime(),
            PendingDeletionWindowInDays = metadata.PendingDeletionWindowInDays,
            MultiRegion = metadata.MultiRegion == true,
            MultiRegionKeyType = metadata.MultiRegionConfiguration?.MultiRegionKeyType?.Value ?? "",
            KeyManager = metadata.KeyManager?.Value ?? "",
            Origin = metadata.Origin?.Value ?? "",
            ExpirationModel = metadata.ExpirationModel?.Value ?? "",
            ValidTo = metadata.ValidTo?.ToLocalTime(),
            CustomKeyStoreId = metadata.CustomKeyStoreId ?? "",
            CurrentKeyMaterialId = metadata.CurrentKeyMaterialId ?? "",
            AccountId = metadata.AWSAccountId ?? "",
            EncryptionAlgorithms = metadata.EncryptionAlgorithms?.ToArray() ?? [],
            SigningAlgorithms = metadata.SigningAlgorithms?.ToArray() ?? [],
            MacAlgorithms = metadata.MacAlgorithms?.ToArray() ?? [],
            KeyAgreementAlgorithms = metadata.KeyAgreementAlgorithms?.ToArray() ?? [],
            EncapsulationAlgorithms = metadata.EncapsulationAlgorithms?.ToArray() ?? [],
            PrimaryKeyArn = metadata.MultiRegionConfiguration?.PrimaryKey?.Arn ?? "",
            ReplicaKeyArns = metadata.MultiRegionConfiguration?.ReplicaKeys?.Select(r => r.Arn).ToArray() ?? [],
            CloudHsmClusterId = metadata.CloudHsmClusterId ?? "",
            XksKeyId = metadata.XksKeyConfiguration?.Id ?? "",
        };
        key.Aliases = aliases
            .Where(a => string.Equals(a.TargetKeyId, metadata.KeyId, StringComparison.Ordinal))
            .Select(a => a.AliasName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return key;
    }
}
