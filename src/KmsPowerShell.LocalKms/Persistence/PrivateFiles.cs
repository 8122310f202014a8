using System.Security.Cryptography;

namespace KmsPowerShell.LocalKms.Persistence;

/// <summary>
/// Files that hold key material: created with a random name, exclusively (so never through a link planted at the
/// name) and readable by their owner only from the first byte; existing ones that others can read are made private.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The glob of the temporary files of <paramref name="path"/> (see <see cref="CreateTemporary"/>).</summary>
    public static string TemporaryPattern(string path) => System.IO.Path.GetFileName(path) + ".*.tmp";

    /// <summary>A new empty file beside <paramref name="path"/>, named "&lt;name&gt;.&lt;random&gt;.tmp", open for writing.</summary>
    public static FileStream CreateTemporary(string path)
    {
        var name = $"{path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}.tmp";
        // Unbuffered, so a failed write leaves nothing pending; FileShare.Delete lets Windows rename it while it is open.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Delete, BufferSize = 0 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        return new FileStream(name, options);
    }

    /// <summary>Creates a folder readable by its owner only (on Unix), with any missing parents.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnly | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Makes an existing file that others may read or write readable by its owner only; the warning to give, or null
    /// when there was nothing to fix. A link is left alone: the file it names is not ours to change.
    /// </summary>
    public static string? MakePrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var file = new FileInfo(path);
        if (!file.Exists || file.LinkTarget is not null || (file.UnixFileMode & Others) == 0) return null;
        var before = file.UnixFileMode;
        File.SetUnixFileMode(path, OwnerOnly);
        return $"The local KMS state file '{path}' could be read by other users (mode {Octal(before)}): it holds key material, " +
            $"so it is now readable by its owner only (mode 0600). Anyone who read it before has the keys.";
    }

    /// <summary>Deletes a file if it can; a file that cannot be deleted is left for the next open to sweep.</summary>
    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}
