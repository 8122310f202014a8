using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Update;

/// <summary>Writes the module page, or brings it up to date: Help Version, and one entry per exported cmdlet.</summary>
internal static class ModulePageWriter
{
    public static string Create(CompiledModule module, IReadOnlyDictionary<string, string> synopses)
    {
        var lines = new List<string>
        {
            "---",
            $"Module Name: {module.Name}",
            $"Module Guid: {module.Guid}",
            $"Download Help Link: {module.ProjectUri?.ToString().TrimEnd('/') ?? PageText.Placeholder("Update Download Link")}",
            $"Help Version: {module.Version}",
            "Locale: en-US",
            "---",
            "",
            $"# {module.Name} Module",
            "## Description",
            PageText.Placeholder("Fill in the Description"),
            "",
        };
        lines.AddRange(CmdletSection(module, null, synopses));
        return string.Join("\n", lines).TrimEnd() + "\n";
    }

    public static string Update(ModulePage page, CompiledModule module, IReadOnlyDictionary<string, string> synopses)
    {
        var file = page.File;
        var lines = file.Lines.Select(line => line.StartsWith("Help Version:", StringComparison.Ordinal) ? $"Help Version: {module.Version}" : line).ToList();
        if (page.CmdletsLine == 0) return string.Join("\n", PageUpdater.EndWithOneBlank(lines).Concat(CmdletSection(module, null, synopses))).TrimEnd() + "\n";

        var start = page.CmdletsLine - 1;
        var after = file.Document.OfType<HeadingBlock>().Where(h => h.Level <= 2 && h.Line > start).Select(h => h.Line).DefaultIfEmpty(file.Lines.Count).Min();
        var head = PageUpdater.EndWithOneBlank(lines.Take(start).ToList());
        var tail = lines.Skip(after).ToList();
        return string.Join("\n", head.Concat(CmdletSection(module, page, synopses)).Concat(tail)).TrimEnd() + "\n";
    }

    /// <summary>Entries the page has keep their lines; a cmdlet new to the page gets its page's synopsis.</summary>
    private static IEnumerable<string> CmdletSection(CompiledModule module, ModulePage? page, IReadOnlyDictionary<string, string> synopses)
    {
        yield return $"## {module.Name} Cmdlets";
        var entryLines = page?.Entries.Select(e => e.Line - 1).Order().ToArray() ?? [];
        foreach (var cmdlet in module.Cmdlets.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            var entry = page?.Entries.FirstOrDefault(e => e.Name == cmdlet.Name);
            if (entry is not null)
            {
                var start = entry.Line - 1;
                var end = entryLines.Where(l => l > start).DefaultIfEmpty(EndOfSection(page!, start)).Min();
                foreach (var line in PageUpdater.EndWithOneBlank(PageUpdater.Slice(page!.File, start, end))) yield return line;
                continue;
            }
            yield return $"### [{cmdlet.Name}]({cmdlet.Name}.md)";
            yield return synopses.TryGetValue(cmdlet.Name, out var synopsis) && synopsis.Length > 0 ? synopsis : PageText.Placeholder("Fill in the Synopsis");
            yield return "";
        }
    }

    private static int EndOfSection(ModulePage page, int start) =>
        page.File.Document.OfType<HeadingBlock>().Where(h => h.Level <= 2 && h.Line > start).Select(h => h.Line).DefaultIfEmpty(page.File.Lines.Count).Min();
}
