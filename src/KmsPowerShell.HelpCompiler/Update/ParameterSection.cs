using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Update;

/// <summary>Rewrites ## PARAMETERS: documented parameters keep their place and description, new ones go in alphabetical order.</summary>
internal static class ParameterSection
{
    /// <param name="start">The 0-based line of '## PARAMETERS'.</param>
    /// <param name="end">The 0-based line where the section ends.</param>
    /// <param name="entryLines">The 0-based lines of every ### heading in the page.</param>
    public static List<string> Update(CommandPage page, CompiledCmdlet cmdlet, int start, int end, IEnumerable<int> entryLines)
    {
        var file = page.File;
        var starts = entryLines.Where(l => l > start && l < end).Order().ToArray();
        var lines = PageUpdater.Slice(file, start, starts.Length > 0 ? starts[0] : end);
        var entries = new List<(string? Parameter, List<string> Lines)>();
        List<string>? common = null;

        for (var i = 0; i < starts.Length; i++)
        {
            var entryEnd = i + 1 < starts.Length ? starts[i + 1] : end;
            var title = file.Lines[starts[i]].TrimStart('#', ' ').Trim();
            if (title.Trim('<', '>') == "CommonParameters")
            {
                common = PageUpdater.Slice(file, starts[i], entryEnd);
            }
            else if (title.StartsWith('-') && page.FindParameter(title[1..]) is { } documented)
            {
                if (cmdlet.FindParameter(documented.Name) is { } parameter)
                {
                    entries.Add((parameter.Name, Rewrite(file, documented, cmdlet, parameter, starts[i], entryEnd)));
                }
            }
            else
            {
                entries.Add((null, PageUpdater.Slice(file, starts[i], entryEnd)));
            }
        }

        foreach (var added in cmdlet.Parameters.Where(p => page.FindParameter(p.Name) is null).OrderBy(p => p.Name, Comparer<string>.Create(PageText.Order)))
        {
            var before = entries.FindIndex(e => e.Parameter is not null && PageText.Order(e.Parameter, added.Name) > 0);
            var entry = ((string?)added.Name, PageText.Parameter(cmdlet, added, null, _ => null).ToList());
            if (before < 0) entries.Add(entry);
            else entries.Insert(before, entry);
        }

        foreach (var entry in entries) lines.AddRange(PageUpdater.EndWithOneBlank(entry.Lines));
        lines.AddRange(common is null ? PageText.CommonParameters() : PageUpdater.EndWithOneBlank(common));
        return lines;
    }

    /// <summary>The written description lines stay; the yaml is new, keeping the Default value the writer chose.</summary>
    private static List<string> Rewrite(MarkdownFile file, ParameterEntry documented, CompiledCmdlet cmdlet, CompiledParameter parameter, int start, int end)
    {
        var firstYaml = file.Document.Descendants<FencedCodeBlock>()
            .Where(b => b.Info == "yaml" && b.Line > start && b.Line < end)
            .Select(b => b.Line)
            .DefaultIfEmpty(end)
            .Min();
        var description = PageUpdater.EndWithOneBlank(PageUpdater.Slice(file, start + 1, firstYaml)).SkipLast(1).ToList();
        return PageText.Parameter(cmdlet, parameter, description, yaml => KeptDefault(documented, yaml)).ToList();
    }

    private static string? KeptDefault(ParameterEntry documented, ParameterYaml yaml)
    {
        var sameSets = documented.Blocks.FirstOrDefault(b => Checks.ParameterChecker.SameSet(Checks.ParameterChecker.Split(b.Get(YamlBlock.ParameterSets)), yaml.ParameterSets));
        var value = (sameSets ?? documented.Blocks.FirstOrDefault())?.Get(YamlBlock.DefaultValue);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
