using Microsoft.Win32.SafeHandles;

namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// Writes an output so that only a complete one is ever seen. A regular file is written unnamed (Linux: O_TMPFILE) or
/// to a hidden temporary file beside it (elsewhere, or where the file system has no O_TMPFILE), and gets its name only
/// when the work succeeds; on failure or cancellation nothing is left and the destination is untouched. A device or
/// FIFO at the destination is never replaced: it receives the whole output once the work has succeeded. Failures name
/// the destination, never the temporary file.
/// </summary>
internal static class AtomicFile
{
    public static async Task<T> WriteAsync<T>(string destination, bool overwrite, Func<Stream, Task<T>> write, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(destination);
        switch (FileKinds.Of(target))
        {
            case FileKind.Directory:
                throw new KmsArgumentException("DestinationIsDirectory", $"'{target}' is a directory: name a file with -OutFile, or the folder with -DestinationPath.");
            case FileKind.Stream:
                return await WriteWhenCompleteAsync(target, write, cancellationToken).ConfigureAwait(false);
            case FileKind.Regular when !overwrite:
                throw Exists(target);
        }
        var directory = Path.GetDirectoryName(target)!;
        StaleTemporaryFiles.Shared.Sweep(directory);
        var unnamed = OnOutput(() => UnnamedFile.TryCreate(directory), target, null);
        if (unnamed is null) return await WriteNamedAsync(target, overwrite, write).ConfigureAwait(false);
        using (unnamed)
        {
            return await WriteUnnamedAsync(unnamed, target, overwrite, write).ConfigureAwait(false);
        }
    }

    /// <summary>For a process about to end: removes every named temporary file it is writing, and makes no more.</summary>
    public static void RemoveUnfinished() => UnfinishedFiles.RemoveAll();

    public static FileStream OpenRead(string path) => new(Path.GetFullPath(path), new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.Read,
        BufferSize = 0,
        Options = FileOptions.SequentialScan,
    });

    private static async Task<T> WriteUnnamedAsync<T>(SafeFileHandle file, string target, bool overwrite, Func<Stream, Task<T>> write)
    {
        // The stream does not own the handle: it must stay open until it is linked.
        await using var stream = new FileStream(new SafeFileHandle(file.DangerousGetHandle(), ownsHandle: false), FileAccess.Write, bufferSize: 0);
        var output = new OutputStream(stream, target, null);
        var result = await write(output).ConfigureAwait(false);
        output.Flush();
        if (!overwrite)
        {
            // link(2) never replaces: a file that appeared meanwhile is refused without a race.
            LinkOrRefuse(file, target);
            return result;
        }
        // link(2) cannot replace, rename(2) can: name it beside the destination, then rename it over.
        var temporary = StaleTemporaryFiles.NameFor(target);
        try
        {
            OnOutput(() => UnnamedFile.Link(file, temporary), target, temporary);
            using var _ = UnfinishedFiles.Track(temporary);
            OnOutput(() => File.Move(temporary, target, overwrite: true), target, temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        return result;
    }

    private static void LinkOrRefuse(SafeFileHandle file, string target)
    {
        try
        {
            OnOutput(() => UnnamedFile.Link(file, target), target, null);
        }
        catch (IOException e) when (e.InnerException?.HResult == Errno.Exists)
        {
            throw Exists(target);
        }
    }

    private static async Task<T> WriteNamedAsync<T>(string target, bool overwrite, Func<Stream, Task<T>> write)
    {
        var temporary = StaleTemporaryFiles.NameFor(target);
        try
        {
            var stream = OnOutput(() => CreatePrivate(temporary, FileAccess.Write, FileOptions.None), target, temporary);
            T result;
            await using (stream)
            {
                using var tracked = UnfinishedFiles.Track(temporary);
                var output = new OutputStream(stream, target, temporary);
                result = await write(output).ConfigureAwait(false);
                output.Flush();
                await stream.DisposeAsync().ConfigureAwait(false); // closed (and unlocked) before it is renamed
                OnOutput(() => File.Move(temporary, target, overwrite), target, temporary);
            }
            return result;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// A device or FIFO: the output is spooled to an unnamed (or deleted-on-close) file in the temporary folder and
    /// copied there only once the work succeeded, so a reader never gets plaintext that has not verified.
    /// </summary>
    private static async Task<T> WriteWhenCompleteAsync<T>(string target, Func<Stream, Task<T>> write, CancellationToken cancellationToken)
    {
        var folder = Path.GetTempPath();
        StaleTemporaryFiles.Shared.Sweep(folder);
        var spoolName = StaleTemporaryFiles.NameFor(Path.Combine(folder, "kmsps-spool"));
        await using var spool = OnOutput(() => UnnamedFile.TryCreate(folder, readable: true) is { } unnamed
            ? new FileStream(unnamed, FileAccess.ReadWrite, bufferSize: 0)
            : CreatePrivate(spoolName, FileAccess.ReadWrite, FileOptions.DeleteOnClose), target, spoolName);
        using var tracked = UnfinishedFiles.Track(spoolName); // harmless for an unnamed spool: there is no such file
        var result = await write(new OutputStream(spool, target, spoolName)).ConfigureAwait(false);
        spool.Position = 0;
        // Opened only now: a FIFO's open waits for its reader, as a shell redirection does.
        await using var device = OnOutput(() => new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0), target, null);
        await spool.CopyToAsync(new OutputStream(device, target, null), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs a file operation on the output; its failure names the destination.</summary>
    private static TResult OnOutput<TResult>(Func<TResult> operation, string target, string? temporary)
    {
        try
        {
            return operation();
        }
        catch (Exception e) when (OutputStream.IsFileFailure(e))
        {
            throw OutputStream.Naming(e, target, temporary);
        }
    }

    private static void OnOutput(Action operation, string target, string? temporary) =>
        OnOutput(() => { operation(); return 0; }, target, temporary);

    private static FileStream CreatePrivate(string path, FileAccess access, FileOptions options)
    {
        // FileShare.None also locks it (flock on Unix), which tells a sweep that a live command owns it.
        var settings = new FileStreamOptions { Mode = FileMode.CreateNew, Access = access, Share = FileShare.None, BufferSize = 0, Options = options };
        // Decrypted plaintext must not be readable by others while it is being written.
        if (!OperatingSystem.IsWindows()) settings.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, settings);
    }

    private static KmsArgumentException Exists(string target) =>
        new("DestinationExists", $"'{target}' exists: add -Force to replace it, or name another output with -OutFile or -DestinationPath.");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (OutputStream.IsFileFailure(e))
        {
        }
    }
}
