using System.Runtime.CompilerServices;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell;

/// <summary>
/// Key ids and alias names for tab completion, listed once a minute per session and region, so pressing Tab
/// does not call KMS every time. Completion never waits long: a slow or failing listing completes nothing.
/// </summary>
internal static class KeyCompletionCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);
    private static readonly ConditionalWeakTable<KmsSession, Dictionary<string, Entry>> Entries = new();

    private sealed record Entry(DateTime ListedAt, IReadOnlyList<string> KeyIds, IReadOnlyList<string> AliasNames);

    public static IReadOnlyList<string> AliasNames(KmsSession session, string region) => Get(session, region)?.AliasNames ?? [];

    public static IReadOnlyList<string> KeyIds(KmsSession session, string region) => Get(session, region)?.KeyIds ?? [];

    private static Entry? Get(KmsSession session, string region)
    {
        var byRegion = Entries.GetValue(session, _ => new Dictionary<string, Entry>(StringComparer.Ordinal));
        lock (byRegion)
        {
            if (byRegion.TryGetValue(region, out var cached) && DateTime.UtcNow - cached.ListedAt < Lifetime) return cached;
        }
        var listed = List(session, region);
        if (listed is null) return null;
        lock (byRegion) byRegion[region] = listed;
        return listed;
    }

    private static Entry? List(KmsSession session, string region)
    {
        try
        {
            using var patience = new CancellationTokenSource(Patience);
            var reader = new KmsKeyReader(session);
            var aliases = reader.ListAliasesAsync(region, patience.Token);
            var keyIds = reader.ListKeyIdsAsync(region, patience.Token);
            Task.WhenAll(aliases, keyIds).Wait(patience.Token);
            var names = aliases.Result.Where(a => a.TargetKeyId is not null).Select(a => a.AliasName).ToArray();
            var ids = keyIds.Result.Select(arn => arn[(arn.LastIndexOf('/') + 1)..]).ToArray();
            return new Entry(DateTime.UtcNow, ids, names);
        }
        catch (Exception e) when (e is OperationCanceledException or AggregateException or KmsException or ObjectDisposedException)
        {
            return null;
        }
    }
}
