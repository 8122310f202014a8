namespace KmsPowerShell.Engine.Messages;

/// <summary>Turns byte counts from the pipeline's last stage into running totals for an IProgress.</summary>
internal sealed class ProgressCounter(IProgress<long>? progress)
{
    private long _total;

    public void Add(long bytes)
    {
        _total += bytes;
        progress?.Report(_total);
    }
}
