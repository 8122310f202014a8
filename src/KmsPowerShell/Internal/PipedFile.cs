using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>
/// A FileInfo that reached a -Value or -Ciphertext parameter from the pipeline. PowerShell binds it there, not to
/// -LiteralPath, when no file-only parameter is given; it is a file to work on, never data.
/// </summary>
internal static class PipedFile
{
    public static string? Of(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        FileSystemInfo file => file.FullName,
        _ => null,
    };
}
