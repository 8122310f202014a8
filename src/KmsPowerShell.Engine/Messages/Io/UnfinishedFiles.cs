using System.Collections.Concurrent;

namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// The named temporary files this process is writing. A process told to end (SIGTERM) removes them all at once,
/// whatever its work is doing, and creates no more: nothing unfinished outlives it, even work stuck in a read.
/// </summary>
internal static class UnfinishedFiles
{
    private static readonly ConcurrentDictionary<string, byte> Paths = new(StringComparer.Ordinal);
    private static volatile bool _ending;

    /// <summary>Tracks a file just created; if the process is ending, removes it and cancels the work instead.</summary>
    public static Tracked Track(string path)
    {
        Paths[path] = 0;
        // RemoveAll sets the flag before it looks at the paths: it saw this one, or this sees the flag.
        if (!_ending) return new Tracked(path);
        Remove(path);
        throw new OperationCanceledException("The process is ending.");
    }

    public static void RemoveAll()
    {
        _ending = true;
        foreach (var path in Paths.Keys) Remove(path);
    }

    private static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or not ours to remove.
        }
        Paths.TryRemove(path, out _);
    }

    public readonly struct Tracked(string path) : IDisposable
    {
        public void Dispose() => Paths.TryRemove(path, out _);
    }
}
