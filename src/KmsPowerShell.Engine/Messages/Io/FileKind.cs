using System.Runtime.InteropServices;

namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>What a path names, following symbolic links: nothing, a regular file, a folder, or something else.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    /// <summary>A character or block device, a FIFO or a socket: written as a stream, never replaced.</summary>
    Stream,
}

internal static class FileKinds
{
    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;

    /// <summary>
    /// .NET has no public API for the file type, so on Unix this asks the runtime's own native layer (shipped with
    /// every .NET on Unix), whose FileStatus has the same layout everywhere: Flags then Mode, with the POSIX type bits.
    /// </summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }
        var mode = UnixMode(path);
        if (mode is null) return FileKind.Missing;
        return (mode.Value & TypeMask) switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            _ => FileKind.Stream,
        };
    }

    private static unsafe int? UnixMode(string path)
    {
        // FileStatus is about 120 bytes; room to spare for fields a later runtime may add at its end.
        var status = stackalloc byte[512];
        if (Stat(path, status) == 0) return *(int*)(status + 4);
        var errno = Marshal.GetLastPInvokeError();
        // A missing file or folder, or a dangling link: nothing is there to keep.
        if (errno is Errno.NoEntry or Errno.NotDirectory) return null;
        throw new IOException($"Cannot tell what '{path}' is: {Marshal.GetPInvokeErrorMessage(errno)}.", errno);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern unsafe int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* output);
}
