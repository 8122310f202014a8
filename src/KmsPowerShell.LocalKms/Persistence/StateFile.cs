using System.Security.Cryptography;
using System.Text.Json;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Persistence;

/// <summary>
/// The state file: a snapshot ("state.json", the whole state) and a journal beside it ("state.json.journal", the
/// changes since, one JSON line each). A change is appended to the journal and flushed to disk before it is
/// answered; from time to time (the first change after opening, and when the journal outgrows the snapshot) a
/// change writes a new snapshot instead, which starts a new journal. A snapshot is written to a temporary file,
/// flushed and only then moved over the old one, so a crash leaves the old or the new one, never a part; a journal
/// line cut short by a crash was never answered and is ignored. The snapshot names its journal's generation, so a
/// journal the snapshot already holds is not replayed. A lock file keeps two services from sharing one state file
/// (see <see cref="StateFileLock"/>). Both files hold key material: they are created readable by their owner only.
/// </summary>
internal sealed class StateFile : IDisposable
{
    private const long JournalFloor = 1 << 20;
    private static readonly JsonSerializerOptions SnapshotJson = new(StateJson.Options) { WriteIndented = true };
    private readonly StateFileLock _lock;
    private readonly List<string> _warnings = [];
    private readonly StateJournal _journal;
    private long _snapshotLength;
    private long _generation;

    public StateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        PrivateFiles.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _lock = StateFileLock.Take(Path);
        _journal = new StateJournal(Path + ".journal");
        try
        {
            RemoveTemporaryFiles();
            foreach (var file in new[] { Path, JournalPath }) if (PrivateFiles.MakePrivate(file) is { } warning) _warnings.Add(warning);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public string JournalPath => _journal.Path;

    /// <summary>What opening the file found wrong and fixed (a state file others could read), for the user to be told.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Called with the temporary file's path after it is written and before it replaces the state file (tests simulate crashes here).</summary>
    internal Action<string>? BeforeReplace { get; set; }

    /// <summary>Called with the path of the file about to be written, the snapshot's temporary file or the journal (tests simulate a full disk here).</summary>
    internal Action<string>? BeforeWrite { get; set; }

    public KmsState Load()
    {
        if (!File.Exists(Path)) return new KmsState();
        KmsState state;
        try
        {
            var bytes = File.ReadAllBytes(Path);
            state = JsonSerializer.Deserialize<KmsState>(bytes, SnapshotJson) ?? throw new InvalidDataException("it holds no state.");
            _snapshotLength = bytes.Length;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"it is not valid local KMS state ({e.Message}).", e);
        }
        _generation = state.JournalGeneration;
        StateJournal.Replay(JournalPath, _generation, state);
        return state;
    }

    /// <summary>Makes a change durable: appended to the journal, or in a new snapshot. Throws <see cref="StateNotSavedException"/>.</summary>
    public void Save(KmsState state, StateChange change)
    {
        if (change.IsEmpty) return;
        try
        {
            if (!_journal.IsOpen || _journal.Length > Math.Max(JournalFloor, _snapshotLength)) WriteSnapshot(state);
            else _journal.Append(change, BeforeWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateNotSavedException(Path, e);
        }
    }

    /// <summary>Folds the journal into the snapshot, when it holds anything; a failure keeps the two as they are.</summary>
    public void Compact(KmsState state)
    {
        if (!_journal.HoldsChanges) return;
        try
        {
            WriteSnapshot(state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The snapshot and the journal still hold every change.
        }
    }

    private void WriteSnapshot(KmsState state)
    {
        var generation = _generation + 1;
        byte[] bytes;
        state.JournalGeneration = generation;
        try { bytes = JsonSerializer.SerializeToUtf8Bytes(state, SnapshotJson); }
        finally { state.JournalGeneration = _generation; }
        try
        {
            using (var stream = PrivateFiles.CreateTemporary(Path))
            {
                try
                {
                    BeforeWrite?.Invoke(stream.Name);
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                    BeforeReplace?.Invoke(stream.Name);
                    File.Move(stream.Name, Path, overwrite: true);
                }
                catch
                {
                    PrivateFiles.TryDelete(stream.Name);
                    throw;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
        _generation = state.JournalGeneration = generation;
        _snapshotLength = bytes.Length;
        try
        {
            _journal.Start(_generation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The change is in the snapshot; the old journal is of an older generation, so it is ignored, and the
            // next change writes a snapshot again.
        }
    }

    /// <summary>Temporary files a killed process left (they may hold key material); the lock keeps anyone else from writing them.</summary>
    private void RemoveTemporaryFiles()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        // "state.json.*.tmp" covers the journal's too ("state.json.journal.*.tmp").
        foreach (var file in Directory.EnumerateFiles(folder, PrivateFiles.TemporaryPattern(Path))) PrivateFiles.TryDelete(file);
        PrivateFiles.TryDelete(Path + ".tmp");   // the fixed name of earlier versions
    }

    public void Dispose()
    {
        _journal.Dispose();
        _lock.Dispose();
    }
}
