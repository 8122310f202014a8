using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// Removes the named temporary files (<c>.&lt;name&gt;.&lt;guid&gt;.tmp</c>) that a killed run left in a folder, where
/// outputs cannot be written unnamed. A file is removed only when it is old (no running command leaves its file
/// untouched that long) and no process holds its lock (a command holds it while it writes): another command's
/// temporary file is never removed. Each folder is swept at most once per <see cref="StaleAge"/>.
/// </summary>
internal sealed partial class StaleTemporaryFiles(TimeProvider clock)
{
    public static readonly TimeSpan StaleAge = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _swept = new(StringComparer.Ordinal);

    public static StaleTemporaryFiles Shared { get; } = new(TimeProvider.System);

    /// <summary>The temporary name for an output at <paramref name="target"/>: hidden, beside it, unique.</summary>
    public static string NameFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    public void Sweep(string directory)
    {
        var now = clock.GetUtcNow();
        if (_swept.TryGetValue(directory, out var last) && now - last < StaleAge) return;
        _swept[directory] = now;
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp"))
            {
                if (OwnPattern().IsMatch(Path.GetFileName(file)) && now - File.GetLastWriteTimeUtc(file) >= StaleAge) TryRemoveUnlocked(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder: the write that follows reports what is wrong with it.
        }
    }

    private static void TryRemoveUnlocked(string file)
    {
        try
        {
            // FileShare.None takes the lock a writing command holds (flock on Unix, the share mode on Windows): this
            // fails while one does; DeleteOnClose removes the file only if it succeeded.
            using var _ = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("^\\..+\\.[0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnPattern();
}
