using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// The file cmdlets' progress: one bar over all the files of a pipeline ("12 of 40 files, 3.1 of 9.0 MiB", the total
/// being the files known so far), with the bar of a large file as its child. The engine reports each file's bytes from
/// its threads into the file's <see cref="FileBytes"/>; everything else runs on the pipeline thread. Records are cheap
/// but not free: at most four a second.
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
    private readonly List<FileBytes> _inFlight = [];

    /// <summary>A file whose work starts: counted as known, its bytes in flight until <see cref="Done"/>.</summary>
    public FileBytes Started(long length)
    {
        var file = new FileBytes(length);
        _inFlight.Add(file);
        _known++;
        _knownBytes += length;
        return file;
    }

    public void Done(FileBytes file)
    {
        _inFlight.Remove(file);
        _done++;
        _doneBytes += file.Length;
    }

    /// <summary>The overall record, when the last one is old enough.</summary>
    public ProgressRecord? Due()
    {
        if (_known == 0 || (_shownAt is { } shown && time.GetElapsedTime(shown) < Interval)) return null;
        _shownAt = time.GetTimestamp();
        return Overall(_inFlight.Sum(f => f.Bytes), ProgressRecordType.Processing);
    }

    /// <summary>The overall record that ends the bar, with the final counts; null when no file was worked on.</summary>
    public ProgressRecord? Completed() => _known == 0 ? null : Overall(0, ProgressRecordType.Completed);

    /// <summary>The bar of one large file, under the overall one; complete once the file is done.</summary>
    public ProgressRecord File(string fileActivity, FileBytes file, ProgressRecordType type)
    {
        var (done, total) = (type == ProgressRecordType.Completed ? file.Length : file.Bytes, file.Length);
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

    /// <summary>The latest byte count the engine reports for one file from its threads, for the pipeline thread to show.</summary>
    internal sealed class FileBytes(long length) : IProgress<long>
    {
        private long _reported;

        public long Length { get; } = length;

        /// <summary>The bytes done so far, never more than the file's length (a file may grow while it is read).</summary>
        public long Bytes => Math.Min(Interlocked.Read(ref _reported), Length);

        public void Report(long value) => Interlocked.Exchange(ref _reported, value);
    }
}
