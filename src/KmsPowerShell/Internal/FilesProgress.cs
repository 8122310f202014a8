using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// One progress bar over all the files of a pipeline ("12 of 40 files, 3.1 of 9.0 MiB", the total being the files known
/// so far), with the bar of a large file as its child. Records are cheap but not free: at most four a second.
/// </summary>
internal sealed class FilesProgress(string activity, TimeProvider time)
{
    /// <summary>Files from this size on get a bar of their own.</summary>
    public const long LargeFile = 16 * 1024 * 1024;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static int s_lastId;
    // Two file cmdlets in one pipeline (Protect-KmsData | Unprotect-KmsData) each keep their own bars.
    private readonly int _id = Interlocked.Add(ref s_lastId, 2);
    private long? _shownAt;
    private int _known;
    private int _done;
    private long _knownBytes;
    private long _doneBytes;

    public void Known(long bytes)
    {
        _known++;
        _knownBytes += bytes;
    }

    public void Done(long bytes)
    {
        _done++;
        _doneBytes += bytes;
    }

    /// <summary>The overall record, when the last one is old enough; <paramref name="inFlightBytes"/> are those of unfinished files.</summary>
    public ProgressRecord? Due(long inFlightBytes)
    {
        if (_known == 0 || (_shownAt is { } shown && time.GetElapsedTime(shown) < Interval)) return null;
        _shownAt = time.GetTimestamp();
        return Overall(inFlightBytes, ProgressRecordType.Processing);
    }

    /// <summary>The overall record that ends the bar, with the final counts; null when no file was worked on.</summary>
    public ProgressRecord? Completed() => _known == 0 ? null : Overall(0, ProgressRecordType.Completed);

    /// <summary>The bar of one large file, under the overall one.</summary>
    public ProgressRecord File(string fileActivity, long done, long total, ProgressRecordType type)
    {
        done = Math.Min(done, total);
        return new ProgressRecord(_id + 1, fileActivity, $"{Size(done)} of {Size(total)}")
        {
            ParentActivityId = _id,
            PercentComplete = total == 0 ? 100 : (int)(done * 100 / total),
            RecordType = type,
        };
    }

    private ProgressRecord Overall(long inFlightBytes, ProgressRecordType type)
    {
        var bytes = Math.Min(_doneBytes + inFlightBytes, _knownBytes);
        return new ProgressRecord(_id, activity, $"{_done} of {_known} files, {Size(bytes)} of {Size(_knownBytes)}")
        {
            PercentComplete = type == ProgressRecordType.Completed ? 100
                : _knownBytes > 0 ? (int)(bytes * 100 / _knownBytes) : _done * 100 / _known,
            RecordType = type,
        };
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB",
    };
}
