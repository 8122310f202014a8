namespace KmsPowerShell.LocalKms.Faults;

/// <summary>Draws, call by call, whether to answer with a fault, from a generator seeded by the settings.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private LocalKmsFaults _faults = LocalKmsFaults.None;
    private Random _random = new(1);

    public LocalKmsFaults Faults
    {
        get { lock (_gate) return _faults; }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _faults = value;
                _random = new Random(value.Seed);
            }
        }
    }

    /// <summary>The fault for the next request, signed for <paramref name="region"/> (null when it names none).</summary>
    public (FaultKind Kind, TimeSpan Delay) Next(string? region)
    {
        lock (_gate)
        {
            if (!_faults.Any) return (FaultKind.None, TimeSpan.Zero);
            if (_faults.IsUnreachable(region)) return (FaultKind.DropConnection, TimeSpan.Zero);
            var draw = _random.NextDouble();
            if ((draw -= _faults.ThrottleRate) < 0) return (FaultKind.Throttle, TimeSpan.Zero);
            if ((draw -= _faults.InternalErrorRate) < 0) return (FaultKind.InternalError, TimeSpan.Zero);
            if ((draw -= _faults.DropConnectionRate) < 0) return (FaultKind.DropConnection, TimeSpan.Zero);
            if ((draw -= _faults.SlowRate) < 0) return (FaultKind.Slow, _faults.SlowDelay);
            return (FaultKind.None, TimeSpan.Zero);
        }
    }
}
