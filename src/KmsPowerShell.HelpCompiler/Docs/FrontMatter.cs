namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>The "key: value" lines between the --- fences at the top of a page, with their 1-based lines.</summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, (string Value, int Line)> _entries;

    private FrontMatter(Dictionary<string, (string, int)> entries, int endLine)
    {
        _entries = entries;
        EndLine = endLine;
    }

    public bool Exists => EndLine > 0;

    /// <summary>The 1-based line of the closing ---, or 0 when the page has no front matter.</summary>
    public int EndLine { get; }

    public string? Get(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public int LineOf(string key) => _entries.TryGetValue(key, out var entry) ? entry.Line : 1;

    public static FrontMatter Parse(IReadOnlyList<string> lines)
    {
        var entries = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
        if (lines.Count == 0 || lines[0].Trim() != "---") return new FrontMatter(entries, 0);
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim() == "---") return new FrontMatter(entries, i + 1);
            var colon = line.IndexOf(':');
            if (colon > 0) entries[line[..colon].Trim()] = (line[(colon + 1)..].Trim(), i + 1);
        }
        return new FrontMatter(entries, 0);
    }
}
