using System.Buffers;
using System.Security.Cryptography;
using System.Text;
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
    // Null until the first change writes a snapshot, and after a journal could not be started or repaired.
    private FileStream? _journal;
    private long _journalLength;
    private long _snapshotLength;
    private long _generation;

    public StateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        PrivateFiles.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _lock = StateFileLock.Take(Path);
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

    public string JournalPath => Path + ".journal";

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
        Replay(state);
        return state;
    }

    /// <summary>Makes a change durable: appended to the journal, or in a new snapshot. Throws <see cref="StateNotSavedException"/>.</summary>
    public void Save(KmsState state, StateChange change)
    {
        if (change.IsEmpty) return;
        try
        {
            if (_journal is null || _journalLength > Math.Max(JournalFloor, _snapshotLength)) WriteSnapshot(state);
            else Append(change);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateNotSavedException(Path, e);
        }
    }

    /// <summary>Folds the journal into the snapshot, when it holds anything; a failure keeps the two as they are.</summary>
    public void Compact(KmsState state)
    {
        if (_journal is null || _journalLength == JournalHeader(_generation).Length) return;
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
                    Delete(stream.Name);
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
        _journal?.Dispose();
        _journal = null;
        try
        {
            StartJournal();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The change is in the snapshot; the old journal is of an older generation, so it is ignored, and the
            // next change writes a snapshot again.
        }
    }

    private void StartJournal()
    {
        var journal = PrivateFiles.CreateTemporary(JournalPath);
        try
        {
            var header = JournalHeader(_generation);
            journal.Write(header);
            journal.Flush(flushToDisk: true);
            File.Move(journal.Name, JournalPath, overwrite: true);
            _journal = journal;
            _journalLength = header.Length;
        }
        catch
        {
            journal.Dispose();
            Delete(journal.Name);
            throw;
        }
    }

    private void Append(StateChange change)
    {
        var journal = _journal!;
        var record = JournalRecord(change);
        try
        {
            BeforeWrite?.Invoke(JournalPath);
            journal.Write(record);
            journal.Flush(flushToDisk: true);
            _journalLength += record.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Take back whatever part of the record reached the file, so the next record does not follow a torn one.
            try
            {
                journal.SetLength(_journalLength);
                journal.Position = _journalLength;
                journal.Flush(flushToDisk: true);
            }
            catch (Exception repair) when (repair is IOException or UnauthorizedAccessException)
            {
                journal.Dispose();
                _journal = null;   // the next change writes a snapshot, which leaves this journal behind
            }
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
        }
    }

    private static byte[] JournalHeader(long generation) => Encoding.UTF8.GetBytes($"{{\"Generation\":{generation}}}\n");

    private static byte[] JournalRecord(StateChange change)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, entries) in change.Entries)
            {
                writer.WriteStartObject(name);
                foreach (var (id, json) in entries)
                {
                    writer.WritePropertyName(id);
                    if (json is null) writer.WriteNullValue();
                    else writer.WriteRawValue(json, skipInputValidation: true);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        var record = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(record);
        record[^1] = (byte)'\n';
        buffer.Clear();
        return record;
    }

    /// <summary>Applies the journal's complete lines; a last line without its newline was cut short by a crash, before it was answered.</summary>
    private void Replay(KmsState state)
    {
        if (!File.Exists(JournalPath)) return;
        var bytes = File.ReadAllBytes(JournalPath);
        try
        {
            var lines = new List<ReadOnlyMemory<byte>>();
            for (int start = 0, end; (end = Array.IndexOf(bytes, (byte)'\n', start)) >= 0; start = end + 1) lines.Add(bytes.AsMemory(start..end));
            if (lines.Count == 0 || !OfGeneration(lines[0], _generation)) return;
            var maps = state.Maps.ToDictionary(m => m.Name, m => m.Map, StringComparer.Ordinal);
            for (var i = 1; i < lines.Count; i++)
            {
                using var record = Parse(lines[i], i);
                foreach (var collection in record.RootElement.EnumerateObject())
                {
                    if (!maps.TryGetValue(collection.Name, out var map)) throw Damaged(i, $"it names no collection '{collection.Name}'");
                    foreach (var entry in collection.Value.EnumerateObject()) map.Apply(entry.Name, entry.Value);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static bool OfGeneration(ReadOnlyMemory<byte> header, long generation)
    {
        using var document = Parse(header, 0);
        return document.RootElement.TryGetProperty("Generation", out var value) && value.TryGetInt64(out var number) && number == generation;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> line, int index)
    {
        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw Damaged(index, "it is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Damaged(index, e.Message);
        }
    }

    private static InvalidDataException Damaged(int line, string why) => new($"its journal is damaged at line {line + 1} ({why}).");

    /// <summary>Temporary files a killed process left (they may hold key material); the lock keeps anyone else from writing them.</summary>
    private void RemoveTemporaryFiles()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        // "state.json.*.tmp" covers the journal's too ("state.json.journal.*.tmp").
        foreach (var file in Directory.EnumerateFiles(folder, PrivateFiles.TemporaryPattern(Path))) Delete(file);
        Delete(Path + ".tmp");   // the fixed name of earlier versions
    }

    private static void Delete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _lock.Dispose();
    }
}

/// <summary>A change could not be made durable; it was not made. The message names the state file and the system's reason.</summary>
internal sealed class StateNotSavedException(string path, Exception inner)
    : IOException($"The local KMS could not save its state file '{path}': {Reason(inner)} The change was not made.", inner)
{
    /// <summary>The system's words without the file name .NET appends (" : 'path'"), which would name a temporary file.</summary>
    private static string Reason(Exception e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" : '", StringComparison.Ordinal);
        message = (cut > 0 ? message[..cut] : message).Trim();
        return message.EndsWith('.') ? message : message + ".";
    }
}
