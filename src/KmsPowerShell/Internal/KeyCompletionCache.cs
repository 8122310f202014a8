using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell;

/// <summary>
/// Key ids and aliases for tab completion, listed (one ListKeys and one ListAliases) once a minute per session and
/// region, so pressing Tab does not call KMS every time. Descriptions, for tooltips, come from DescribeKey for the
/// few keys a completion shows, and are kept as long as the listing. Completion never waits long: a slow or failing
/// call completes nothing, or leaves a tooltip without the description.
/// </summary>
internal static class KeyCompletionCache
{
    /// <summary>At most this many keys are described for one completion; the others get a tooltip without a description.</summary>
    public const int MostDescribed = 25;

    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private static readonly ConditionalWeakTable<KmsSession, Dictionary<string, Entry>> Entries = new();

    /// <summary>The clock that ages the listings.</summary>
    internal static TimeProvider Time { get; set; } = TimeProvider.System;

    private sealed record Entry(DateTimeOffset ListedAt, IReadOnlyList<string> KeyIds, IReadOnlyList<KmsAlias> Aliases)
    {
        public ConcurrentDictionary<string, string> Descriptions { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The region's aliases that point to a key.</summary>
    public static IReadOnlyList<KmsAlias> Aliases(KmsSession session, string region) => Get(session, region)?.Aliases ?? [];

    public static IReadOnlyList<string> KeyIds(KmsSession session, string region) => Get(session, region)?.KeyIds ?? [];

    /// <summary>
    /// The key id or ARN that calls taking no alias (ListGrants, ListResourceTags) need, for a key named in any form;
    /// null when an alias is not known.
    /// </summary>
    public static KeyRequest? KeyIdOrArn(KmsSession session, string region, string keyText)
    {
        KeyIdentifier id;
        try { id = KeyIdentifier.Parse(keyText); }
        catch (KmsArgumentException) { return null; }
        var keyRegion = id.Region ?? region;
        if (!id.IsAlias) return new KeyRequest(id.Text, keyRegion);
        var name = id.Kind == KeyIdentifierKind.AliasName ? id.Text : id.Text[(id.Text.IndexOf(":alias/", StringComparison.Ordinal) + 1)..];
        string? Target() => Aliases(session, keyRegion).FirstOrDefault(a => a.AliasName == name)?.TargetKeyId;
        var target = Target();
        if (target is null)
        {
            Refresh(session, keyRegion);
            target = Target();
        }
        return target is null ? null : new KeyRequest(target, keyRegion);
    }

    /// <summary>The descriptions of these keys (at most <see cref="MostDescribed"/> new ones per call); a key not described is left out, one without a description is empty.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions(KmsSession session, string region, IEnumerable<string> keyIds)
    {
        if (Get(session, region) is not { } entry) return new Dictionary<string, string>();
        var missing = keyIds.Where(id => !entry.Descriptions.ContainsKey(id)).Take(MostDescribed).ToArray();
        if (missing.Length > 0) Describe(session, region, missing, entry.Descriptions);
        return entry.Descriptions;
    }

    private static void Describe(KmsSession session, string region, string[] keyIds, ConcurrentDictionary<string, string> into)
    {
        var reader = new KmsKeyReader(session);
        var described = BriefCall.Run(token => Task.WhenAll(keyIds.Select(async id =>
        {
            try { return (id, (await reader.GetAsync(new KeyRequest(id, region), token).ConfigureAwait(false)).Description); }
            catch (KmsException) { return (id, (string?)null); } // deleted since the listing, or not ours to describe
        })));
        foreach (var (id, description) in described ?? []) into[id] = description ?? "";
    }

    /// <summary>
    /// Lists again, unless the listing is less than a second old or failed (a slow endpoint is not asked twice): for a
    /// completion that found nothing (an alias or key made since the listing), so that only a miss costs a call.
    /// </summary>
    public static void Refresh(KmsSession session, string region)
    {
        var byRegion = Entries.GetValue(session, _ => new Dictionary<string, Entry>(StringComparer.Ordinal));
        bool listed;
        lock (byRegion) listed = byRegion.ContainsKey(region);
        if (listed) Get(session, region, Fresh);
    }

    /// <summary>Drops the region's listing, after a cmdlet changed its aliases: the next completion lists again.</summary>
    public static void Forget(KmsSession session, string region)
    {
        if (!Entries.TryGetValue(session, out var byRegion)) return;
        lock (byRegion) byRegion.Remove(region);
    }

    private static Entry? Get(KmsSession session, string region) => Get(session, region, Lifetime);

    private static Entry? Get(KmsSession session, string region, TimeSpan maxAge)
    {
        var byRegion = Entries.GetValue(session, _ => new Dictionary<string, Entry>(StringComparer.Ordinal));
        lock (byRegion)
        {
            if (byRegion.TryGetValue(region, out var cached) && Time.GetUtcNow() - cached.ListedAt < maxAge) return cached;
        }
        var listed = List(session, region);
        if (listed is null) return null;
        lock (byRegion) byRegion[region] = listed;
        return listed;
    }

    private static Entry? List(KmsSession session, string region) => BriefCall.Run(async token =>
    {
        var reader = new KmsKeyReader(session);
        var aliases = reader.ListAliasesAsync(region, token);
        var keyIds = reader.ListKeyIdsAsync(region, token);
        await Task.WhenAll(aliases, keyIds).ConfigureAwait(false);
        var ids = keyIds.Result.Select(arn => arn[(arn.LastIndexOf('/') + 1)..]).ToArray();
        return new Entry(Time.GetUtcNow(), ids, aliases.Result.Where(a => a.TargetKeyId is not null).ToArray());
    });
}
