using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Persistence;

/// <summary>
/// The journal beside a state file's snapshot ("state.json.journal"): a header naming its generation, then the
/// changes since that snapshot, one JSON line each, each flushed to disk before it is answered. A last line without
/// its newline was cut short by a crash, before it was answered, and is ignored; a journal of another generation
/// than the snapshot's was already folded into it and is ignored too.
/// </summary>
internal sealed class StateJournal(string path) : IDisposable
{
    // Null until started, and after a journal could not be started or repaired.
    private FileStream? _stream;
    private long _headerLength;

    public string Path { get; } = path;

    public bool IsOpen => _stream is not null;

    public long Length { get; private set; }

    /// <summary>Whether it holds any change beyond its header.</summary>
    public bool HoldsChanges => _stream is not null && Length > _headerLength;

    /// <summary>Replaces the journal with an empty one of <paramref name="generation"/>; on failure it stays closed.</summary>
    public void Start(long generation)
    {
        Close();
        var journal = PrivateFiles.CreateTemporary(Path);
        try
        {
            var header = Header(generation);
            journal.Write(header);
            journal.Flush(flushToDisk: true);
            File.Move(journal.Name, Path, overwrite: true);
            _stream = journal;
            Length = _headerLength = header.Length;
        }
        catch
        {
            journal.Dispose();
            PrivateFiles.TryDelete(journal.Name);
            throw;
        }
    }

    public void Append(StateChange change, Action<string>? beforeWrite)
    {
        var journal = _stream ?? throw new InvalidOperationException("The journal is not open.");
        var record = Record(change);
        try
        {
            beforeWrite?.Invoke(Path);
            journal.Write(record);
            journal.Flush(flushToDisk: true);
            Length += record.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Take back whatever part of the record reached the file, so the next record does not follow a torn one.
            try
            {
                journal.SetLength(Length);
                journal.Position = Length;
                journal.Flush(flushToDisk: true);
            }
            catch (Exception repair) when (repair is IOException or UnauthorizedAccessException)
            {
                Close();   // the next change writes a snapshot, which leaves this journal behind
            }
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
        }
    }

    /// <summary>Applies the complete lines of the journal at <paramref name="path"/> to <paramref name="state"/>, if it is of <paramref name="generation"/>.</summary>
    public static void Replay(string path, long generation, KmsState state)
    {
        if (!File.Exists(path)) return;
        var bytes = File.ReadAllBytes(path);
        try
        {
            var lines = new List<ReadOnlyMemory<byte>>();
            for (int start = 0, end; (end = Array.IndexOf(bytes, (byte)'\n', start)) >= 0; start = end + 1) lines.Add(bytes.AsMemory(start..end));
            if (lines.Count == 0 || !OfGeneration(lines[0], generation)) return;
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

    public void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }

    public void Dispose() => Close();

    private static byte[] Header(long generation) => Encoding.UTF8.GetBytes($"{{\"Generation\":{generation}}}\n");

    private static byte[] Record(StateChange change)
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
}
