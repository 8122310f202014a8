using System.Diagnostics;

namespace KmsPowerShell.LocalKms.Persistence;

/// <summary>
/// The lock of a state file: "state.json.lock", open with no sharing (an exclusive lock on every platform), and beside
/// it "state.json.owner", the holder's process id and name, so that a refused process can say who holds the file (the
/// lock file itself cannot be read while it is held). Both go when the lock is released.
/// </summary>
internal sealed class StateFileLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private StateFileLock(FileStream fileLock, string ownerPath)
    {
        _lock = fileLock;
        _ownerPath = ownerPath;
    }

    public static StateFileLock Take(string statePath)
    {
        var ownerPath = statePath + ".owner";
        FileStream fileLock;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1, Options = FileOptions.DeleteOnClose,
            };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            fileLock = new FileStream(statePath + ".lock", options);
        }
        catch (IOException e)
        {
            throw new StateFileInUseException($"The local KMS state file '{statePath}' is in use by {Owner(ownerPath)}.", e);
        }
        try
        {
            using var current = Process.GetCurrentProcess();
            // A new file (never written through a link planted at the name), as the lock lets no one else write it.
            File.Delete(ownerPath);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var owner = new StreamWriter(ownerPath, new System.Text.UTF8Encoding(false), options);
            owner.Write($"{Environment.ProcessId} {current.ProcessName}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Naming the holder is a courtesy to the processes it refuses; the lock holds without it.
        }
        return new StateFileLock(fileLock, ownerPath);
    }

    /// <summary>"process 1234 (pwsh)" from the owner file; "another process" when it cannot be read.</summary>
    private static string Owner(string ownerPath)
    {
        try
        {
            var parts = File.ReadAllText(ownerPath).Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], out var pid)) return $"process {pid} ({parts[1]})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The holder is between taking the lock and naming itself, or is letting go.
        }
        return "another process";
    }

    public void Dispose()
    {
        // The owner file goes first, while the lock still keeps the next holder from writing its own.
        try { File.Delete(_ownerPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
    }
}

/// <summary>Another process (or another local KMS of this one) holds the state file; the message names it.</summary>
internal sealed class StateFileInUseException(string message, Exception inner) : IOException(message, inner);
