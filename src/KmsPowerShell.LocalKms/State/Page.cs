namespace KmsPowerShell.LocalKms.State;

/// <summary>One page of a listing sorted by a unique key, and the marker of the next page if there is one.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextMarker)
{
    public bool Truncated => NextMarker is not null;

    public static Page<T> Of(IEnumerable<T> items, Func<T, string> sortKey, int limit, string? marker, string scope, MarkerCodec codec)
    {
        var sorted = items.OrderBy(sortKey, StringComparer.Ordinal).AsEnumerable();
        if (marker is not null)
        {
            var after = codec.Decode(scope, marker);
            sorted = sorted.Where(item => string.CompareOrdinal(sortKey(item), after) > 0);
        }
        var window = sorted.Take(limit + 1).ToList();
        if (window.Count <= limit) return new Page<T>(window, null);
        var page = window.Take(limit).ToList();
        return new Page<T>(page, codec.Encode(scope, sortKey(page[^1])));
    }
}
