using System.Text.Json;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Persistence;

/// <summary>
/// The state file. Every save writes a temporary file beside it, flushes it to disk and only then moves it over the
/// state file, so a crash leaves either the old or the new state, never a partial one; a leftover temporary file is
/// never read. A lock file keeps two services from sharing one state file (see <see cref="StateFileLock"/>). The file
/// holds key material: it is created readable by its owner only.
/// </summary>
internal sealed class StateFile : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly StateFileLock _lock;

    public StateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _lock = StateFileLock.Take(Path);
    }

    public string Path { get; }

    public string TemporaryPath => Path + ".tmp";

    /// <summary>Called with the temporary file's path after it is written and before it replaces the state file (tests simulate crashes here).</summary>
    internal Action<string>? BeforeReplace { get; set; }

    public KmsState Load()
    {
        if (!File.Exists(Path)) return new KmsState();
        try
        {
            return JsonSerializer.Deserialize<KmsState>(File.ReadAllBytes(Path), Json)
                ?? throw new InvalidDataException("it holds no state.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"it is not valid local KMS state ({e.Message}).", e);
        }
    }

    public void Save(KmsState state)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, Json);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(TemporaryPath, options))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        BeforeReplace?.Invoke(TemporaryPath);
        File.Move(TemporaryPath, Path, overwrite: true);
    }

    public void Dispose() => _lock.Dispose();
}
