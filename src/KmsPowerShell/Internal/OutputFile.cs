namespace KmsPowerShell;

/// <summary>Writes a file for -OutFile: never over an existing file unless forced.</summary>
internal static class OutputFile
{
    public static void RequireWritable(string path, bool force)
    {
        if (!force && File.Exists(path))
        {
            throw new KmsArgumentException("OutFileExists", $"'{path}' exists: add -Force to replace it, or name another output with -OutFile.");
        }
    }

    public static void Write(string path, ReadOnlySpan<byte> bytes, bool force)
    {
        using var stream = new FileStream(path, force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
    }
}
