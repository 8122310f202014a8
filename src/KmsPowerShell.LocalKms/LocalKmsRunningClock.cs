namespace KmsPowerShell.LocalKms;

/// <summary>
/// Real time plus an offset that only grows: the clock of the local KMS that users run. Moving it forward lets a
/// script see a deletion window pass or a rotation fall due, while dates still move on between calls.
/// </summary>
public sealed class LocalKmsRunningClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The local KMS clock only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
