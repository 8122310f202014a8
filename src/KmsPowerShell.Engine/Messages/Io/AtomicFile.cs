namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// Writes a file through a temporary file beside it, renamed into place only when the work succeeds; on failure
/// or cancellation the temporary file is deleted and the destination is untouched.
/// </summary>
internal static class AtomicFile
{
    public static async Task<T> WriteAsync<T>(string destination, bool overwrite, Func<Stream, Task<T>> write)
    {
        var target = Path.GetFullPath(destination);
        if (!overwrite && File.Exists(target))
        {
            throw new KmsArgumentException("DestinationExists", $"'{target}' exists: add -Force to replace it, or name another output with -OutFile or -DestinationPath.");
        }
        if (Directory.Exists(target)) throw new KmsArgumentException("DestinationIsDirectory", $"'{target}' is a directory.");
        var directory = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            T result;
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
            // Decrypted plaintext must not be readable by others while it is being written.
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var stream = new FileStream(temporary, options))
            {
                result = await write(stream).ConfigureAwait(false);
                stream.Flush();
            }
            File.Move(temporary, target, overwrite);
            return result;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static FileStream OpenRead(string path) => new(Path.GetFullPath(path), new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.Read,
        BufferSize = 0,
        Options = FileOptions.SequentialScan,
    });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
