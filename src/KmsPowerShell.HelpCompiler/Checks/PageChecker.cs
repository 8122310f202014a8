using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>Checks a cmdlet page against the schema and against the compiled cmdlet it documents.</summary>
internal static class PageChecker
{
    public const string UpdateHint = "./build.ps1 -Task UpdateHelp rewrites it from the compiled cmdlet";

    public static void Check(CommandPage page, CompiledCmdlet cmdlet, CompiledModule module, ProblemList problems)
    {
        CheckFrontMatter(page, module, problems);
        Placeholders.Check(page.File, problems);
        CheckSections(page, problems);
        CheckSyntax(page, cmdlet, problems);
        ParameterChecker.Check(page, cmdlet, problems);
        ParameterMentions.Check(page, cmdlet, module, problems);
    }

    private static void CheckFrontMatter(CommandPage page, CompiledModule module, ProblemList problems)
    {
        var front = page.File.FrontMatter;
        if (!front.Exists)
        {
            problems.Add(page.Path, 1, "the page has no front matter: it starts with ---, 'external help file:', 'Module Name:', 'online version:', 'schema: 2.0.0', then ---.");
            return;
        }
        Expect("external help file", module.HelpFileName);
        Expect("Module Name", module.Name);
        Expect("schema", "2.0.0");
        if (front.Get("online version") is null) problems.Add(page.Path, front.EndLine, "the front matter has no 'online version:' line (it may be empty).");

        void Expect(string key, string value)
        {
            var actual = front.Get(key);
            if (actual is null) problems.Add(page.Path, front.EndLine, $"the front matter has no '{key}: {value}' line.");
            else if (actual != value) problems.Add(page.Path, front.LineOf(key), $"'{key}' is '{actual}' but must be '{value}'.");
        }
    }

    private static void CheckSections(CommandPage page, ProblemList problems)
    {
        foreach (var missing in CommandPage.SectionOrder.Where(s => page.FindSection(s) is null))
        {
            problems.Add(page.Path, page.NameLine, $"the page has no '## {missing}' section.");
        }
        RequireText(CommandPage.Synopsis, page.SynopsisText.Count > 0);
        RequireText(CommandPage.Description, page.DescriptionText.Count > 0);
        RequireText(CommandPage.Examples, page.ExampleEntries.Count > 0, "no '### Example 1: ...' entry");
        RequireText(CommandPage.Inputs, page.InputEntries.Count > 0, "no '### TypeName' entry (write '### None' when nothing is piped)");
        RequireText(CommandPage.Outputs, page.OutputEntries.Count > 0, "no '### TypeName' entry (write '### None' when nothing is written)");
        if (page.FindSection(CommandPage.Parameters) is { } parameters && !page.HasCommonParameters)
        {
            problems.Add(page.Path, parameters.Line, "## PARAMETERS has no '### CommonParameters' entry.");
        }

        void RequireText(string section, bool present, string what = "no text")
        {
            if (!present && page.FindSection(section) is { } heading) problems.Add(page.Path, heading.Line, $"## {section} has {what}.");
        }
    }

    private static void CheckSyntax(CommandPage page, CompiledCmdlet cmdlet, ProblemList problems)
    {
        if (page.FindSection(CommandPage.Syntax) is not { } section) return;
        var documented = page.SyntaxEntries.ToList();
        foreach (var set in cmdlet.ParameterSets)
        {
            var heading = SyntaxLines.Heading(cmdlet, set);
            var entry = heading is null && documented.Count == 1 ? documented[0] : documented.FirstOrDefault(e => e.SetName == set.Name);
            if (entry is null)
            {
                problems.Add(page.Path, section.Line, $"## SYNTAX has no entry for the parameter set '{set.Name}' ({UpdateHint}).");
                continue;
            }
            documented.Remove(entry);
            var expected = SyntaxLines.For(cmdlet, set);
            if (Normalize(entry.Text) != Normalize(expected))
            {
                problems.Add(page.Path, entry.Line, $"the syntax of the parameter set '{set.Name}' is out of date ({UpdateHint}). Expected: {expected.Replace('\n', ' ')}");
            }
            else if (heading is not null && entry.IsDefault != set.IsDefault)
            {
                problems.Add(page.Path, entry.Line, $"the ### heading must read '{heading}'.");
            }
        }
        foreach (var extra in documented)
        {
            problems.Add(page.Path, extra.Line, $"## SYNTAX documents a parameter set '{extra.SetName}' that {cmdlet.Name} does not have; its sets are: {string.Join(", ", cmdlet.ParameterSets.Select(s => s.Name))}.");
        }
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
