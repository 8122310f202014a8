using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// A Linux file without a name (open with O_TMPFILE), 0600, that gets one only when <see cref="Link"/> is called: a
/// process killed before that (SIGKILL, power loss) leaves nothing on disk. Unsupported elsewhere.
/// </summary>
internal static class UnnamedFile
{
    private const int WriteOnly = 0x1;
    private const int ReadWrite = 0x2;
    private const int CloseOnExec = 0x80000;
    private const int TmpFileFlag = 0x400000; // __O_TMPFILE; O_TMPFILE is it with O_DIRECTORY
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int FollowLink = 0x400; // AT_SYMLINK_FOLLOW
    private const string DescriptorFolder = "/proc/self/fd";
    // Takes the named temporary file path everywhere (the tests' way to reach it on Linux; also a way out should
    // linking through /proc misbehave somewhere).
    private const string NamedOnlySwitch = "KmsPowerShell.NamedTemporaryFiles";

    /// <summary>
    /// A new unnamed file in <paramref name="directory"/>, or null where that cannot be had (not Linux, an architecture
    /// whose O_DIRECTORY is not known here, no /proc to link through, or a file system without O_TMPFILE).
    /// </summary>
    public static SafeFileHandle? TryCreate(string directory, bool readable = false)
    {
        if (!OperatingSystem.IsLinux() || AppContext.TryGetSwitch(NamedOnlySwitch, out var namedOnly) && namedOnly || DirectoryFlag() is not { } directoryFlag || !Directory.Exists(DescriptorFolder)) return null;
        var access = readable ? ReadWrite : WriteOnly;
        var descriptor = Open(directory, TmpFileFlag | directoryFlag | access | CloseOnExec, Convert.ToInt32("600", 8));
        if (descriptor >= 0) return new SafeFileHandle(descriptor, ownsHandle: true);
        var errno = Marshal.GetLastPInvokeError();
        if (errno is Errno.NotSupported or Errno.IsDirectory or Errno.Invalid) return null;
        throw Failure(errno, directory);
    }

    /// <summary>Gives the unnamed file the name <paramref name="path"/>; an existing file there is never replaced.</summary>
    public static void Link(SafeFileHandle file, string path)
    {
        if (LinkAt(CurrentDirectory, $"{DescriptorFolder}/{file.DangerousGetHandle()}", CurrentDirectory, path, FollowLink) == 0) return;
        throw Failure(Marshal.GetLastPInvokeError(), path);
    }

    /// <summary>An errno as the exception .NET raises for it, naming <paramref name="path"/>.</summary>
    public static Exception Failure(int errno, string path)
    {
        var reason = Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            Errno.NoEntry or Errno.NotDirectory => new DirectoryNotFoundException($"Could not find a part of the path '{path}': {reason}."),
            Errno.AccessDenied or Errno.NotPermitted => new UnauthorizedAccessException($"Access to the path '{path}' is denied: {reason}."),
            _ => new IOException($"'{path}': {reason}.", errno),
        };
    }

    private static int? DirectoryFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x10000,
        Architecture.Arm64 or Architecture.Arm => 0x4000,
        _ => null,
    };

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "linkat", SetLastError = true)]
    private static extern int LinkAt(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, int flags);
}
