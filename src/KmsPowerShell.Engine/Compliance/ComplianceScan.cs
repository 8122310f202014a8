using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// One Get-KmsComplianceFinding run over accounts: for each account's session, its account id, then every region asked
/// (the session's own when none, every region of its partition for *) read at once through a <see cref="ComplianceCollector"/>
/// that shares the run's gate. A region that fails is kept as its error, in its place, and the rest goes on.
/// </summary>
public sealed class ComplianceScan(SemaphoreSlim gate, IReadOnlyList<string>? keyIds, bool includeAwsManaged, IReadOnlyList<string> regions,
    CancellationToken cancellationToken)
{
    private int _regionsStarted;
    private int _regionsRead;

    /// <summary>Regions whose reading has started, across the accounts (for progress).</summary>
    public int RegionsStarted => Volatile.Read(ref _regionsStarted);

    /// <summary>Regions read (or failed), across the accounts (for progress).</summary>
    public int RegionsRead => Volatile.Read(ref _regionsRead);

    public async Task<ComplianceAccountScan> AccountAsync(KmsSession session, string? profileName, string? roleArn)
    {
        var account = await ComplianceSessions.AccountOfAsync(session, cancellationToken).ConfigureAwait(false);
        var clock = ComplianceSessions.ClockOf(session);
        var collector = new ComplianceCollector(session, gate, clock);
        var reads = ComplianceSessions.RegionsOf(session.Region, regions).Select(region => ReadAsync(collector, new ComplianceScope(account, region.Name, profileName, roleArn), region.Optional)).ToList();
        var results = await Task.WhenAll(reads).ConfigureAwait(false);
        return new ComplianceAccountScan(account, results, clock.GetUtcNow());
    }

    /// <summary>The names a key can be given by (id, ARN, alias names and ARNs), to tell which -KeyId values were found.</summary>
    public static IEnumerable<string> NamesOf(KeySnapshot key) =>
        new[] { key.Key.KeyId, key.Key.KeyArn }.Concat(key.Aliases.SelectMany(alias => new[] { alias.AliasName, alias.AliasArn }));

    private async Task<ComplianceRegionResult> ReadAsync(ComplianceCollector collector, ComplianceScope scope, bool optional)
    {
        Interlocked.Increment(ref _regionsStarted);
        try
        {
            var scan = await collector.ScanAsync(scope, keyIds, includeAwsManaged, cancellationToken).ConfigureAwait(false);
            return new ComplianceRegionResult(scope.Region, optional, scan, null);
        }
        catch (KmsException e)
        {
            return new ComplianceRegionResult(scope.Region, optional, null, e);
        }
        finally
        {
            Interlocked.Increment(ref _regionsRead);
        }
    }
}

/// <summary>What one account's regions hold, and when they were read (the time its findings are judged at).</summary>
public sealed record ComplianceAccountScan(string Account, IReadOnlyList<ComplianceRegionResult> Regions, DateTimeOffset Now)
{
    /// <summary>The keys of every region read, for the checks across regions.</summary>
    public IReadOnlyList<KeySnapshot> Keys => Regions.Where(region => region.Scan is not null).SelectMany(region => region.Scan!.Keys).ToList();
}

/// <summary>One region of an account: its scan, or the error that stopped it. Optional: added by *, so "not enabled" is no error.</summary>
public sealed record ComplianceRegionResult(string Region, bool Optional, ComplianceRegionScan? Scan, KmsException? Error);
