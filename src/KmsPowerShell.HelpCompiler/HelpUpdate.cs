using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using KmsPowerShell.HelpCompiler.Update;

namespace KmsPowerShell.HelpCompiler;

/// <summary>Writes a skeleton page for every cmdlet that lacks one and brings every other page, and the module page, up to date.</summary>
internal static class HelpUpdate
{
    public static IReadOnlyList<string> Run(CompiledModule module, string docsFolder)
    {
        var docs = new DocsFolder(docsFolder, module.Name);
        Directory.CreateDirectory(docs.Folder);
        var changed = new List<string>();
        var synopses = new Dictionary<string, string>();
        foreach (var cmdlet in module.Cmdlets)
        {
            var path = docs.CommandPagePath(cmdlet.Name);
            var before = File.Exists(path) ? File.ReadAllText(path) : null;
            var after = before is null
                ? PageSkeleton.Page(module, cmdlet)
                : PageUpdater.Update(CommandPageParser.Parse(MarkdownFile.Read(path), new ProblemList()), module, cmdlet);
            var page = CommandPageParser.Parse(MarkdownFile.FromText(path, after), new ProblemList());
            synopses[cmdlet.Name] = string.Join(" ", page.SynopsisText);
            if (Write(path, before, after)) changed.Add(path);
        }

        var moduleBefore = File.Exists(docs.ModulePagePath) ? File.ReadAllText(docs.ModulePagePath) : null;
        var moduleAfter = moduleBefore is null
            ? ModulePageWriter.Create(module, synopses)
            : ModulePageWriter.Update(ModulePage.Parse(MarkdownFile.Read(docs.ModulePagePath)), module, synopses);
        if (Write(docs.ModulePagePath, moduleBefore, moduleAfter)) changed.Add(docs.ModulePagePath);
        return changed;
    }

    private static bool Write(string path, string? before, string after)
    {
        if (before?.Replace("\r\n", "\n", StringComparison.Ordinal) == after) return false;
        File.WriteAllText(path, after);
        return true;
    }
}
