namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>The errno values the file code tells apart (the same on Linux and macOS, except EOPNOTSUPP: Linux only).</summary>
internal static class Errno
{
    public const int NotPermitted = 1;
    public const int NoEntry = 2;
    public const int AccessDenied = 13;
    public const int Exists = 17;
    public const int NotDirectory = 20;
    public const int IsDirectory = 21;
    public const int Invalid = 22;
    public const int NotSupported = 95;
}
