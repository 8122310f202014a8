using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Reads when keys were last used for a cryptographic operation (GetKeyLastUsage).</summary>
public sealed class KmsKeyUsageAdmin
{
    private readonly KmsClientPool _clients;

    public KmsKeyUsageAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    /// <summary>The key's last usage; <paramref name="keyArn"/> names it in the record (GetKeyLastUsage answers the bare id only).</summary>
    public async Task<KmsKeyLastUsage> GetAsync(KeyRequest key, string keyArn, CancellationToken cancellationToken)
    {
        var response = await _clients.CallAsync(key.Region,
            (c, ct) => c.GetKeyLastUsageAsync(new GetKeyLastUsageRequest { KeyId = key.KeyId }, ct), cancellationToken).ConfigureAwait(false);
        var usage = response.KeyLastUsage;
        return new KmsKeyLastUsage(keyArn, key.Region)
        {
            Operation = usage?.Operation?.Value,
            LastUsedDate = usage?.Timestamp?.ToLocalTime(),
            KmsRequestId = usage?.KmsRequestId,
            CloudTrailEventId = usage?.CloudTrailEventId,
            TrackingStartDate = response.TrackingStartDate?.ToLocalTime(),
            KeyCreationDate = response.KeyCreationDate?.ToLocalTime(),
        };
    }
}
