namespace KmsPowerShell;

/// <summary>Keeps the latest byte count the engine reports from its threads, for the pipeline thread to show.</summary>
internal sealed class LatestProgress : IProgress<long>
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Report(long value) => Interlocked.Exchange(ref _bytes, value);
}
