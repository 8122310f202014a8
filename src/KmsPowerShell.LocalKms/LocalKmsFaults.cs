namespace KmsPowerShell.LocalKms;

/// <summary>
/// Shares (0 to 1) of calls answered with a fault instead of normally, drawn from a seeded generator so a test
/// sees the same sequence every run. The shares are checked in the order throttle, internal error, drop, slow.
/// A request signed for one of <see cref="UnreachableRegions"/> has its connection dropped every time, without a draw:
/// that region's endpoint is down while the others answer.
/// </summary>
public sealed record LocalKmsFaults(
    double ThrottleRate = 0,
    double InternalErrorRate = 0,
    double DropConnectionRate = 0,
    double SlowRate = 0,
    TimeSpan SlowDelay = default,
    int Seed = 1,
    IReadOnlyList<string>? UnreachableRegions = null)
{
    public static LocalKmsFaults None { get; } = new();

    public bool Any => ThrottleRate > 0 || InternalErrorRate > 0 || DropConnectionRate > 0 || SlowRate > 0 || UnreachableRegions is { Count: > 0 };

    /// <summary>Whether requests signed for <paramref name="region"/> find no endpoint.</summary>
    public bool IsUnreachable(string? region) => region is not null && UnreachableRegions is { } regions && regions.Contains(region, StringComparer.Ordinal);

    internal void Validate()
    {
        foreach (var rate in new[] { ThrottleRate, InternalErrorRate, DropConnectionRate, SlowRate })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate)) throw new ArgumentOutOfRangeException(nameof(LocalKmsFaults), "Fault rates must be from 0 to 1.");
        }
        if (ThrottleRate + InternalErrorRate + DropConnectionRate + SlowRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LocalKmsFaults), "Fault rates must add up to 1 or less.");
        }
        if (SlowDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LocalKmsFaults), "SlowDelay must not be negative.");
        if (UnreachableRegions?.Any(region => !Protocol.KmsPatterns.Region().IsMatch(region)) == true)
        {
            throw new ArgumentOutOfRangeException(nameof(LocalKmsFaults), "Unreachable regions must be region names, such as eu-west-1.");
        }
    }
}
