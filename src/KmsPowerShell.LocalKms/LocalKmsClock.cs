namespace KmsPowerShell.LocalKms;

/// <summary>A clock tests set and advance, to reach deletion dates and rotation dates without waiting.</summary>
public sealed class LocalKmsClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    public LocalKmsClock(DateTimeOffset start) => _now = start;

    public LocalKmsClock() : this(DateTimeOffset.UtcNow) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate) _now = value;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}
