using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Creates, lists, retires and revokes grants.</summary>
public sealed class KmsGrantAdmin
{
    private readonly KmsClientPool _clients;

    public KmsGrantAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    /// <summary>
    /// Creates the grant and returns it as Get-KmsGrant shows it, with its token: CreateGrant answers with the id and
    /// token only, so the grant is read back for what KMS recorded (creation date, issuing account).
    /// </summary>
    public async Task<KmsGrant> CreateAsync(KeyRequest key, string keyArn, NewGrantRequest grant, CancellationToken cancellationToken)
    {
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.CreateGrantAsync(ToRequest(key, grant, dryRun: false), ct), cancellationToken).ConfigureAwait(false);
        var recorded = await ReadBackAsync(key, response.GrantId, cancellationToken).ConfigureAwait(false);
        if (recorded is not null) return ToGrant(recorded, key.Region, response.GrantToken);
        return new KmsGrant(keyArn, response.GrantId, key.Region)
        {
            GrantToken = response.GrantToken,
            Name = grant.Name,
            GranteePrincipal = grant.GranteePrincipal,
            RetiringPrincipal = grant.RetiringPrincipal,
            Operations = grant.Operations.ToArray(),
            EncryptionContextEquals = grant.EncryptionContextEquals,
            EncryptionContextSubset = grant.EncryptionContextSubset,
        };
    }

    /// <summary>
    /// The grant as ListGrants shows it; null when it cannot be read: not listed yet (grants reach every KMS host within
    /// minutes), or a caller allowed to create grants but not to list them.
    /// </summary>
    private async Task<GrantListEntry?> ReadBackAsync(KeyRequest key, string grantId, CancellationToken cancellationToken)
    {
        try
        {
            var request = new ListGrantsRequest { KeyId = key.KeyId, GrantId = grantId };
            var page = await _clients.CallAsync(key.Region, (c, ct) => c.ListGrantsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return page.Grants?.FirstOrDefault(g => g.GrantId == grantId);
        }
        catch (KmsServiceException e) when (e.ErrorCode == "AccessDeniedException")
        {
            return null;
        }
    }

    /// <summary>Asks KMS whether the grant would be allowed (DryRun); null when it would, else KMS's reason.</summary>
    public async Task<KmsServiceException?> DryRunAsync(KeyRequest key, NewGrantRequest grant, CancellationToken cancellationToken)
    {
        try
        {
            await _clients.CallAsync(key.Region, (c, ct) => c.CreateGrantAsync(ToRequest(key, grant, dryRun: true), ct), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (KmsServiceException e) when (e.ErrorCode == "DryRunOperationException")
        {
            return null;
        }
        catch (KmsServiceException e)
        {
            return e;
        }
    }

    public async Task<IReadOnlyList<KmsGrant>> ListAsync(KeyRequest key, string? grantId, string? granteePrincipal, CancellationToken cancellationToken)
    {
        var grants = new List<KmsGrant>();
        string? marker = null;
        do
        {
            var request = new ListGrantsRequest { KeyId = key.KeyId, GrantId = grantId, GranteePrincipal = granteePrincipal, Limit = 100, Marker = marker };
            var page = await _clients.CallAsync(key.Region, (c, ct) => c.ListGrantsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            grants.AddRange((page.Grants ?? []).Select(g => ToGrant(g, key.Region)));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (!string.IsNullOrEmpty(marker));
        return grants;
    }

    public async Task<IReadOnlyList<KmsGrant>> ListRetirableAsync(string region, string retiringPrincipal, CancellationToken cancellationToken)
    {
        var grants = new List<KmsGrant>();
        string? marker = null;
        do
        {
            var request = new ListRetirableGrantsRequest { RetiringPrincipal = retiringPrincipal, Limit = 100, Marker = marker };
            var page = await _clients.CallAsync(region, (c, ct) => c.ListRetirableGrantsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            grants.AddRange((page.Grants ?? []).Select(g => ToGrant(g, region)));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (!string.IsNullOrEmpty(marker));
        return grants;
    }

    public Task RevokeAsync(KeyRequest key, string grantId, CancellationToken cancellationToken) =>
        _clients.CallAsync(key.Region, (c, ct) => c.RevokeGrantAsync(new RevokeGrantRequest { KeyId = key.KeyId, GrantId = grantId }, ct), cancellationToken);

    /// <summary>Retires a grant by its token, or by key and grant id.</summary>
    public Task RetireAsync(string region, string? grantToken, KeyRequest? key, string? grantId, CancellationToken cancellationToken) =>
        _clients.CallAsync(key?.Region ?? region,
            (c, ct) => c.RetireGrantAsync(new RetireGrantRequest { GrantToken = grantToken, KeyId = key?.KeyId, GrantId = grantId }, ct), cancellationToken);

    private static CreateGrantRequest ToRequest(KeyRequest key, NewGrantRequest grant, bool dryRun) => new()
    {
        KeyId = key.KeyId,
        GranteePrincipal = grant.GranteePrincipal,
        RetiringPrincipal = grant.RetiringPrincipal,
        Operations = grant.Operations.ToList(),
        Name = grant.Name,
        GrantTokens = grant.GrantTokens.Count == 0 ? null : grant.GrantTokens.ToList(),
        DryRun = dryRun,
        Constraints = grant.EncryptionContextEquals is { Count: > 0 } || grant.EncryptionContextSubset is { Count: > 0 }
            ? new GrantConstraints
            {
                EncryptionContextEquals = grant.EncryptionContextEquals is { Count: > 0 } eq ? new Dictionary<string, string>(eq) : null,
                EncryptionContextSubset = grant.EncryptionContextSubset is { Count: > 0 } sub ? new Dictionary<string, string>(sub) : null,
            }
            : null,
    };

    private static KmsGrant ToGrant(GrantListEntry entry, string region, string? grantToken = null) => new(entry.KeyId, entry.GrantId, region)
    {
        GrantToken = grantToken,
        Name = string.IsNullOrEmpty(entry.Name) ? null : entry.Name,
        GranteePrincipal = entry.GranteePrincipal,
        RetiringPrincipal = entry.RetiringPrincipal,
        IssuingAccount = entry.IssuingAccount,
        Operations = (entry.Operations ?? []).ToArray(),
        EncryptionContextEquals = entry.Constraints?.EncryptionContextEquals,
        EncryptionContextSubset = entry.Constraints?.EncryptionContextSubset,
        CreationDate = entry.CreationDate?.ToLocalTime(),
    };
}
