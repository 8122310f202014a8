using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// Reads what a compliance scan judges in one account (one session): per region, its keys (ListKeys, every page, or
/// only the keys asked for) as <see cref="KeySnapshot"/>s and its custom key stores as <see cref="StoreSnapshot"/>s.
/// Every read waits for the scan's one <paramref name="gate"/>, so -ThrottleLimit bounds the calls in flight across
/// accounts, regions and keys together; throttling is retried by the session's SDK clients (its retry mode).
/// </summary>
public sealed class ComplianceCollector(KmsSession session, SemaphoreSlim gate, TimeProvider time)
{
    private readonly KmsKeyReader _keys = new(session);
    private readonly KmsCustomKeyStoreAdmin _stores = new(session);

    /// <summary>
    /// Scans one region. A failure to list the region's keys (unreachable, credentials refused) fails the whole region;
    /// a key's unreadable parts are named in its snapshot. Keys come in key id order, so two scans report alike.
    /// </summary>
    /// <param name="scope">The account and region, and how they were reached.</param>
    /// <param name="keyIds">Only these keys (any form; ARNs of other regions are skipped); null for every key.</param>
    /// <param name="includeAwsManaged">Whether AWS managed keys are read too.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    public async Task<ComplianceRegionScan> ScanAsync(ComplianceScope scope, IReadOnlyList<string>? keyIds, bool includeAwsManaged,
        CancellationToken cancellationToken)
    {
        var requests = keyIds is null
            ? (await Gated(() => _keys.ListKeyIdsAsync(scope.Region, cancellationToken), cancellationToken).ConfigureAwait(false))
                .Select(id => new KeyRequest(id, scope.Region))
            : keyIds.Select(id => KeyRequest.For(id, scope.Region)).Where(request => request.Region == scope.Region);
        var reader = new KeySnapshotReader(session, _keys, time);
        var reads = requests.Select(request => Gated(() => ReadKeyAsync(reader, scope, request, includeAwsManaged, cancellationToken), cancellationToken)).ToList();
        var stores = Gated(() => ReadStoresAsync(scope, cancellationToken), cancellationToken);
        var read = await Task.WhenAll(reads).ConfigureAwait(false);
        var keys = read.Select(r => r.Key).OfType<KeySnapshot>()
            .DistinctBy(key => key.Key.KeyId).OrderBy(key => key.Key.KeyId, StringComparer.Ordinal).ToList();
        var failed = read.Where(r => r.Error is not null).Select(r => new ComplianceKeyError(r.Request.KeyId, r.Error!)).ToList();
        return new ComplianceRegionScan(scope, keys, await stores.ConfigureAwait(false)) { KeyErrors = failed };
    }

    /// <summary>
    /// One key, or why it could not be read at all (DescribeKey refused: a key policy that does not let the auditor in,
    /// or throttled after every retry): that key is an error in its place, and the region's other keys are still read.
    /// </summary>
    private static async Task<(KeyRequest Request, KeySnapshot? Key, KmsException? Error)> ReadKeyAsync(KeySnapshotReader reader, ComplianceScope scope,
        KeyRequest request, bool includeAwsManaged, CancellationToken cancellationToken)
    {
        try
        {
            return (request, await reader.ReadAsync(scope, request, includeAwsManaged, cancellationToken).ConfigureAwait(false), null);
        }
        catch (KmsException e)
        {
            return (request, null, e);
        }
    }

    private async Task<IReadOnlyList<StoreSnapshot>> ReadStoresAsync(ComplianceScope scope, CancellationToken cancellationToken)
    {
        IReadOnlyList<KmsCustomKeyStore> stores;
        try
        {
            stores = await _stores.ListAsync(scope.Region, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KmsServiceException e) when (KeySnapshotReader.IsRefusal(e))
        {
            // No right to list stores, or an endpoint without custom key stores (moto): there are none to judge.
            return [];
        }
        var now = time.GetUtcNow();
        return stores.OrderBy(store => store.CustomKeyStoreId, StringComparer.Ordinal).Select(store => new StoreSnapshot(scope, store, now)).ToList();
    }

    private async Task<T> Gated<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>What one region of one account holds for the checks.</summary>
public sealed record ComplianceRegionScan(ComplianceScope Scope, IReadOnlyList<KeySnapshot> Keys, IReadOnlyList<StoreSnapshot> Stores)
{
    /// <summary>The keys listed that could not be read at all, in listing order, each with its error.</summary>
    public IReadOnlyList<ComplianceKeyError> KeyErrors { get; init; } = [];

    /// <summary>The findings of the key and store checks, in key order then check order, then the stores'.</summary>
    public IEnumerable<KmsComplianceFinding> Findings(ComplianceSettings settings) =>
        Keys.SelectMany(key => ComplianceChecks.ForKey(key, settings)).Concat(Stores.SelectMany(store => ComplianceChecks.ForStore(store, settings)));
}

/// <summary>A key of the region that could not be read (its id as listed or given, and why).</summary>
public sealed record ComplianceKeyError(string KeyId, KmsException Error);
