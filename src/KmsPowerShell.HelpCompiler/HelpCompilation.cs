using KmsPowerShell.HelpCompiler.Checks;
using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using KmsPowerShell.HelpCompiler.Output;

namespace KmsPowerShell.HelpCompiler;

/// <summary>Checks every page against the compiled module, and only when all agree writes the MAML and about help.</summary>
internal static class HelpCompilation
{
    public static IReadOnlyList<string> Run(CompiledModule module, string docsFolder, string outputFolder, ProblemList problems)
    {
        var docs = new DocsFolder(docsFolder, module.Name);
        var commands = new List<(CompiledCmdlet, CommandPage)>();
        foreach (var path in docs.CommandPages())
        {
            var page = CommandPageParser.Parse(MarkdownFile.Read(path), problems);
            var name = Path.GetFileNameWithoutExtension(path);
            var cmdlet = module.Cmdlets.FirstOrDefault(c => c.Name == name);
            if (cmdlet is null)
            {
                problems.Add(page.Path, 1, $"the page documents {name}, but {module.Name} exports no such cmdlet (cmdlets: {string.Join(", ", module.Cmdlets.Select(c => c.Name))}).");
                continue;
            }
            if (page.Name.Length > 0 && page.Name != cmdlet.Name) problems.Add(page.Path, page.NameLine, $"the # heading must be the cmdlet name, {cmdlet.Name}.");
            PageChecker.Check(page, cmdlet, module, problems);
            commands.Add((cmdlet, page));
        }
        foreach (var cmdlet in module.Cmdlets.Where(c => !File.Exists(docs.CommandPagePath(c.Name))))
        {
            problems.Add(MarkdownFile.DisplayPath(docs.CommandPagePath(cmdlet.Name)), 1, $"{cmdlet.Name} has no help page: run ./build.ps1 -Task UpdateHelp to write one, then fill it in.");
        }

        if (File.Exists(docs.ModulePagePath)) ModulePageChecker.Check(ModulePage.Parse(MarkdownFile.Read(docs.ModulePagePath)), module, problems);
        else problems.Add(MarkdownFile.DisplayPath(docs.ModulePagePath), 1, "the module page is missing: run ./build.ps1 -Task UpdateHelp to write one.");

        var abouts = docs.AboutPages().Select(MarkdownFile.Read).ToArray();
        foreach (var about in abouts)
        {
            AboutPageChecker.Check(about, TopicName(about), problems);
            ParameterMentions.Check(about, module, problems);
        }
        if (abouts.All(a => TopicName(a) != $"about_{module.Name}"))
        {
            problems.Add(MarkdownFile.DisplayPath(Path.Combine(docs.Folder, $"about_{module.Name}.md")), 1, $"the module's about topic about_{module.Name} is missing.");
        }

        if (problems.Any) return [];
        Directory.CreateDirectory(outputFolder);
        var written = new List<string> { Path.Combine(outputFolder, module.HelpFileName) };
        MamlWriter.Save(MamlWriter.Build(commands.OrderBy(c => c.Item1.Name, StringComparer.OrdinalIgnoreCase)), written[0]);
        foreach (var about in abouts)
        {
            var path = Path.Combine(outputFolder, TopicName(about) + ".help.txt");
            File.WriteAllText(path, AboutTextWriter.Render(about));
            written.Add(path);
        }
        return written;
    }

    private static string TopicName(MarkdownFile about) => Path.GetFileNameWithoutExtension(about.Path);
}
