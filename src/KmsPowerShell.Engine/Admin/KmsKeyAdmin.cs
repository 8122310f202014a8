using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>The changes an admin makes to keys: lifecycle, description, deletion and multi-Region replicas.</summary>
public sealed class KmsKeyAdmin
{
    private readonly KmsClientPool _clients;

    public KmsKeyAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    internal KmsClientPool Clients => _clients;

    public async Task<KmsKey> CreateKeyAsync(string region, NewKeyRequest request, CancellationToken cancellationToken)
    {
        var create = new CreateKeyRequest
        {
            KeySpec = request.KeySpec,
            KeyUsage = request.KeyUsage,
            Description = request.Description,
            Policy = request.Policy,
            MultiRegion = request.MultiRegion,
            BypassPolicyLockoutSafetyCheck = request.BypassPolicyLockoutSafetyCheck,
            // Sent only when not the default, so CreateKey calls without -Origin stay as they were.
            Origin = request.Origin == "AWS_KMS" ? null : request.Origin,
            CustomKeyStoreId = request.CustomKeyStoreId,
            XksKeyId = request.XksKeyId,
            Tags = request.Tags.Count == 0 ? null : request.Tags.Select(t => new Tag { TagKey = t.Key, TagValue = t.Value }).ToList(),
        };
        var response = await _clients.CallAsync(region, (c, ct) => c.CreateKeyAsync(create, ct), cancellationToken).ConfigureAwait(false);
        return KeyMapper.ToKmsKey(response.KeyMetadata, region, []);
    }

    public Task UpdateDescriptionAsync(KeyRequest key, string description, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = key.KeyId, Description = description }, ct), cancellationToken);

    public Task EnableAsync(KeyRequest key, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.EnableKeyAsync(new EnableKeyRequest { KeyId = key.KeyId }, ct), cancellationToken);

    public Task DisableAsync(KeyRequest key, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId }, ct), cancellationToken);

    /// <summary>Schedules deletion; returns the date KMS will delete the key.</summary>
    public async Task<DateTime?> ScheduleDeletionAsync(KeyRequest key, int pendingWindowInDays, CancellationToken cancellationToken)
    {
        var request = new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = pendingWindowInDays };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.ScheduleKeyDeletionAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.DeletionDate?.ToLocalTime();
    }

    public Task CancelDeletionAsync(KeyRequest key, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = key.KeyId }, ct), cancellationToken);

    /// <summary>Makes a replica of a multi-Region key in another region; returns the replica's ARN.</summary>
    public async Task<string> ReplicateAsync(KeyRequest key, string replicaRegion, string? description,
        IReadOnlyDictionary<string, string> tags, string? policy, CancellationToken cancellationToken)
    {
        RegionName.Require(replicaRegion, "-ReplicaRegion");
        var request = new ReplicateKeyRequest
        {
            KeyId = key.KeyId,
            ReplicaRegion = replicaRegion,
            Description = description,
            Policy = policy,
            Tags = tags.Count == 0 ? null : tags.Select(t => new Tag { TagKey = t.Key, TagValue = t.Value }).ToList(),
        };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.ReplicateKeyAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.ReplicaKeyMetadata.Arn;
    }

    public Task UpdatePrimaryRegionAsync(KeyRequest key, string primaryRegion, CancellationToken cancellationToken)
    {
        RegionName.Require(primaryRegion, "-PrimaryRegion");
        return _clients.CallAsync(key.Region, (c, ct) => c.UpdatePrimaryRegionAsync(new UpdatePrimaryRegionRequest { KeyId = key.KeyId, PrimaryRegion = primaryRegion }, ct), cancellationToken);
    }
}
