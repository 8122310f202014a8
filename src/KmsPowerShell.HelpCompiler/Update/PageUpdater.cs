using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Update;

/// <summary>
/// Brings an existing page up to date with its cmdlet without losing what people wrote: SYNTAX and the yaml blocks are
/// rewritten, parameters the cmdlet gained are added with a placeholder, those it lost are dropped, missing sections
/// are added; every other line stays as written.
/// </summary>
internal static class PageUpdater
{
    public static string Update(CommandPage page, CompiledModule module, CompiledCmdlet cmdlet)
    {
        var file = page.File;
        var headings = file.Document.OfType<HeadingBlock>().Select(h => (h.Level, h.Line)).ToArray();
        var tops = headings.Where(h => h.Level <= 2).Select(h => h.Line).ToArray();
        var firstSection = headings.Where(h => h.Level == 2).Select(h => h.Line).DefaultIfEmpty(file.Lines.Count).Min();
        var chunks = new List<(string? Name, List<string> Lines)>();

        var preamble = Slice(file, 0, firstSection);
        if (!file.FrontMatter.Exists) preamble.InsertRange(0, PageText.FrontMatter(module, cmdlet).Append(""));
        chunks.Add((null, preamble));

        foreach (var start in tops.Where(l => l >= firstSection))
        {
            var end = tops.Where(l => l > start).DefaultIfEmpty(file.Lines.Count).Min();
            // A heading the page does not know (or a second copy of a section) stays as written, for the compiler to report.
            var name = page.Sections.FirstOrDefault(s => s.Line == start + 1)?.Name;
            var lines = name switch
            {
                CommandPage.Syntax => PageText.Syntax(cmdlet).ToList(),
                CommandPage.Parameters => ParameterSection.Update(page, cmdlet, start, end, headings.Where(h => h.Level == 3).Select(h => h.Line)),
                _ => Slice(file, start, end),
            };
            chunks.Add((name, lines));
        }

        foreach (var missing in CommandPage.SectionOrder.Where(s => page.FindSection(s) is null))
        {
            var rank = CommandPage.SectionOrder.ToList().IndexOf(missing);
            var after = chunks.FindLastIndex(c => c.Name is not null && CommandPage.SectionOrder.ToList().IndexOf(c.Name) < rank);
            if (after < 0) after = 0;
            chunks.Insert(after + 1, (missing, PageSkeleton.Section(missing, cmdlet).ToList()));
        }

        return string.Join("\n", chunks.SelectMany(c => EndWithOneBlank(c.Lines))).TrimEnd() + "\n";
    }

    internal static List<string> Slice(MarkdownFile file, int start, int end) => file.Lines.Skip(start).Take(end - start).ToList();

    internal static IEnumerable<string> EndWithOneBlank(List<string> lines)
    {
        var count = lines.Count;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1])) count--;
        return lines.Take(count).Append("");
    }
}
