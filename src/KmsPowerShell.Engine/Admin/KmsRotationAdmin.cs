using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Reads and changes a key's rotation: automatic rotation settings, on-demand rotation, and the history.</summary>
public sealed class KmsRotationAdmin
{
    private readonly KmsClientPool _clients;

    public KmsRotationAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    /// <summary>
    /// The key's rotation settings and, unless <paramref name="withHistory"/> is false, every rotation and key material
    /// (ListKeyRotations, one call more per page).
    /// </summary>
    public async Task<KmsKeyRotation> GetAsync(KeyRequest key, string keyArn, CancellationToken cancellationToken, bool withHistory = true)
    {
        var status = await _clients.CallAsync(key.Region,
            (c, ct) => c.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId }, ct), cancellationToken).ConfigureAwait(false);
        var rotations = new List<KmsKeyRotationEntry>();
        string? marker = null;
        while (withHistory)
        {
            var request = new ListKeyRotationsRequest { KeyId = key.KeyId, Limit = 1000, Marker = marker, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL };
            var page = await _clients.CallAsync(key.Region, (c, ct) => c.ListKeyRotationsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            rotations.AddRange((page.Rotations ?? []).Select(Entry));
            marker = page.Truncated == true ? page.NextMarker : null;
            if (string.IsNullOrEmpty(marker)) break;
        }
        return new KmsKeyRotation(keyArn, key.Region)
        {
            RotationEnabled = status.KeyRotationEnabled == true,
            RotationPeriodInDays = status.RotationPeriodInDays,
            NextRotationDate = status.NextRotationDate?.ToLocalTime(),
            OnDemandRotationStartDate = status.OnDemandRotationStartDate?.ToLocalTime(),
            Rotations = rotations.Where(r => r.RotationDate is not null).ToList(),
            KeyMaterials = rotations,
        };
    }

    private static KmsKeyRotationEntry Entry(RotationsListEntry r) => new(r.RotationDate?.ToLocalTime(), r.RotationType?.Value ?? "")
    {
        KeyMaterialId = r.KeyMaterialId ?? "",
        KeyMaterialState = r.KeyMaterialState?.Value ?? "",
        ImportState = r.ImportState?.Value ?? "",
        ExpirationModel = r.ExpirationModel?.Value ?? "",
        ValidTo = r.ValidTo?.ToLocalTime(),
        KeyMaterialDescription = r.KeyMaterialDescription ?? "",
    };

    public Task EnableAsync(KeyRequest key, int? rotationPeriodInDays, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = rotationPeriodInDays }, ct), cancellationToken);

    public Task DisableAsync(KeyRequest key, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = key.KeyId }, ct), cancellationToken);

    public Task RotateNowAsync(KeyRequest key, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }, ct), cancellationToken);
}
