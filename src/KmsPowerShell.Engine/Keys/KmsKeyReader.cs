using System.Collections.Concurrent;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Keys;

/// <summary>
/// Reads keys with their details and aliases. One reader serves one cmdlet invocation: it lists each region's
/// aliases once and reuses them for every key it describes there. Made with includeLastUsage, it reads each key's
/// last usage too, as part of describing it.
/// </summary>
public sealed class KmsKeyReader
{
    /// <summary>How many keys a cmdlet describes at once unless told otherwise (-ThrottleLimit).</summary>
    public const int DefaultConcurrency = 8;
    private const int PageSize = 1000;

    private readonly KmsClientPool _clients;
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<KmsAlias>>>> _aliases = new(StringComparer.Ordinal);

    private readonly KmsKeyUsageAdmin? _usage;

    public KmsKeyReader(KmsSession session, bool includeLastUsage = false)
    {
        _clients = KmsClientPool.Of(session);
        _usage = includeLastUsage ? new KmsKeyUsageAdmin(session) : null;
    }

    /// <summary>Describes one key, named in any form; an ARN's own region wins over <paramref name="region"/>.</summary>
    public Task<KmsKey> GetAsync(string keyId, string region, CancellationToken cancellationToken) =>
        GetAsync(KeyRequest.For(keyId, region), cancellationToken);

    /// <summary>Describes one key in its region.</summary>
    public async Task<KmsKey> GetAsync(KeyRequest key, CancellationToken cancellationToken)
    {
        var (id, keyRegion) = (KeyIdentifier.Parse(key.KeyId), key.Region);
        var response = await _clients.CallAsync(keyRegion, (client, ct) => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = id.Text }, ct),
            cancellationToken).ConfigureAwait(false);
        var aliases = ListAliasesAsync(keyRegion, cancellationToken);
        var metadata = response.KeyMetadata;
        var usage = _usage is null ? null
            : await _usage.GetAsync(new KeyRequest(metadata.KeyId, keyRegion), metadata.Arn, cancellationToken).ConfigureAwait(false);
        var described = KeyMapper.ToKmsKey(metadata, keyRegion, await aliases.ConfigureAwait(false));
        described.LastUsage = usage;
        return described;
    }

    public async Task<IReadOnlyList<string>> ListKeyIdsAsync(string region, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? marker = null;
        do
        {
            var request = new ListKeysRequest { Limit = PageSize, Marker = marker };
            var page = await _clients.CallAsync(region, (client, ct) => client.ListKeysAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Keys ?? []) ids.Add(entry.KeyArn ?? entry.KeyId);
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (!string.IsNullOrEmpty(marker));
        return ids;
    }

    /// <summary>Every alias in the region, all pages; listed once per reader and region.</summary>
    public Task<IReadOnlyList<KmsAlias>> ListAliasesAsync(string region, CancellationToken cancellationToken)
    {
        var lazy = _aliases.GetOrAdd(region, r => new Lazy<Task<IReadOnlyList<KmsAlias>>>(() => FetchAliasesAsync(r, cancellationToken)));
        return lazy.Value;
    }

    private async Task<IReadOnlyList<KmsAlias>> FetchAliasesAsync(string region, CancellationToken cancellationToken)
    {
        var aliases = new List<KmsAlias>();
        string? marker = null;
        do
        {
            var request = new ListAliasesRequest { Limit = 100, Marker = marker };
            var page = await _clients.CallAsync(region, (client, ct) => client.ListAliasesAsync(request, ct), cancellationToken).ConfigureAwait(false);
            foreach (var alias in page.Aliases ?? [])
            {
                aliases.Add(new KmsAlias(alias.AliasName, alias.AliasArn, alias.TargetKeyId, region)
                {
                    CreationDate = alias.CreationDate?.ToLocalTime(),
                    LastUpdatedDate = alias.LastUpdatedDate?.ToLocalTime(),
                });
            }
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (!string.IsNullOrEmpty(marker));
        return aliases;
    }
}
