namespace KmsPowerShell;

/// <summary>The clock of a local KMS after Set-KmsLocalClock moved it: its time, and how far it runs ahead of real time.</summary>
public sealed class KmsLocalClock
{
    internal KmsLocalClock(DateTimeOffset now, TimeSpan offset, string? localStatePath)
    {
        Now = now;
        Offset = offset;
        LocalStatePath = localStatePath;
    }

    /// <summary>The local KMS's time (in this machine's time zone): what key dates are measured against.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>How far the local KMS's clock runs ahead of real time, the sum of every move so far.</summary>
    public TimeSpan Offset { get; }

    /// <summary>The state file of the local KMS whose clock this is; empty for the in-memory one.</summary>
    public string? LocalStatePath { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Now:yyyy-MM-dd HH:mm:ss zzz} (+{Offset})";
}
