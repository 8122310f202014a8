namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>The pages of one locale folder (docs/en-US): a page per cmdlet, the module page and the about topics.</summary>
internal sealed class DocsFolder(string folder, string moduleName)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public string ModulePagePath => Path.Combine(Folder, moduleName + ".md");

    public string CommandPagePath(string cmdletName) => Path.Combine(Folder, cmdletName + ".md");

    public IEnumerable<string> AboutPages() => Pages().Where(IsAbout);

    public IEnumerable<string> CommandPages() => Pages().Where(p => !IsAbout(p) && p != ModulePagePath);

    private IEnumerable<string> Pages() =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.md").Order(StringComparer.Ordinal) : [];

    private static bool IsAbout(string path) => Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase);
}
