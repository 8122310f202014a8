namespace KmsPowerShell.LocalKms;

/// <summary>
/// Shares (0 to 1) of calls answered with a fault instead of normally, drawn from a seeded generator so a test
/// sees the same sequence every run. The shares are checked in the order throttle, internal error, drop, slow.
/// </summary>
public sealed record LocalKmsFaults(
    double ThrottleRate = 0,
    double InternalErrorRate = 0,
    double DropConnectionRate = 0,
    double SlowRate = 0,
    TimeSpan SlowDelay = default,
    int Seed = 1)
{
    public static LocalKmsFaults None { get; } = new();

    public bool Any => ThrottleRate > 0 || InternalErrorRate > 0 || DropConnectionRate > 0 || SlowRate > 0;

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
    }
}
