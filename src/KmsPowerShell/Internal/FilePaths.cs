using System.Management.Automation;

namespace KmsPowerShell;

/// <summary>Resolves -Path (wildcards) and -LiteralPath to file-system files, and -OutFile to a full path.</summary>
internal static class FilePaths
{
    public static IReadOnlyList<string> Resolve(PSCmdlet cmdlet, string path, bool literal)
    {
        if (literal)
        {
            var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            return [RequireFile(full)];
        }
        try
        {
            var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                throw new KmsArgumentException("PathNotFileSystem", $"'{path}' is not a file-system path.");
            }
            return resolved.Select(RequireFile).ToArray();
        }
        catch (ItemNotFoundException e)
        {
            throw new FileNotFoundException($"No file matches '{path}'.", path, e);
        }
    }

    public static string Output(PSCmdlet cmdlet, string path) => cmdlet.GetUnresolvedProviderPathFromPSPath(path);

    private static string RequireFile(string full)
    {
        if (Directory.Exists(full)) throw new KmsArgumentException("PathIsDirectory", $"'{full}' is a directory: give files (Get-ChildItem -File | ...).");
        if (!File.Exists(full)) throw new FileNotFoundException($"The file '{full}' does not exist.", full);
        return full;
    }
}
