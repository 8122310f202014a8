using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>
/// Reads a cmdlet page: the # name, then ## sections in any order, each read by its own rule. What does not fit the
/// schema becomes a problem at its line; reading goes on so one run reports everything.
/// </summary>
internal static class CommandPageParser
{
    public static CommandPage Parse(MarkdownFile file, ProblemList problems)
    {
        var name = "";
        var nameLine = 1;
        var sections = new List<SectionHeading>();
        var bodies = new Dictionary<string, List<Block>>();
        List<Block>? current = null;

        foreach (var block in file.Document)
        {
            if (block is YamlFrontMatterBlock) continue;
            var line = block.Line + 1;
            if (block is HeadingBlock { Level: 1 } title)
            {
                if (name.Length > 0) problems.Add(file.Path, line, "a page has one # heading, the cmdlet name; this is a second one.");
                else (name, nameLine) = (PlainText.Inline(title.Inline), line);
                current = null;
            }
            else if (block is HeadingBlock { Level: 2 } heading)
            {
                var section = PlainText.Inline(heading.Inline).ToUpperInvariant();
                if (!CommandPage.SectionOrder.Contains(section))
                {
                    problems.Add(file.Path, line, $"unknown section '## {section}'. A cmdlet page has: {string.Join(", ", CommandPage.SectionOrder.Select(s => "## " + s))}.");
                    current = null;
                }
                else if (bodies.ContainsKey(section))
                {
                    problems.Add(file.Path, line, $"'## {section}' appears twice.");
                    current = null;
                }
                else
                {
                    sections.Add(new SectionHeading(section, line));
                    bodies[section] = current = [];
                }
            }
            else if (current is not null)
            {
                current.Add(block);
            }
            else if (name.Length == 0)
            {
                problems.Add(file.Path, line, "text before the '# Cmdlet-Name' heading: a page starts with front matter, then the # heading.");
            }
        }
        if (name.Length == 0) problems.Add(file.Path, 1, "the page has no '# Cmdlet-Name' heading.");

        var reader = new SectionReader(file.Path, problems);
        List<Block> Body(string section) => bodies.TryGetValue(section, out var blocks) ? blocks : [];
        return new CommandPage
        {
            File = file,
            Name = name,
            NameLine = nameLine,
            Sections = sections,
            SynopsisText = reader.Text(CommandPage.Synopsis, Body(CommandPage.Synopsis)),
            SyntaxEntries = reader.Syntax(Body(CommandPage.Syntax)),
            DescriptionText = reader.Text(CommandPage.Description, Body(CommandPage.Description)),
            ExampleEntries = reader.Examples(Body(CommandPage.Examples)),
            ParameterEntries = reader.Parameters(Body(CommandPage.Parameters), out var common),
            HasCommonParameters = common,
            InputEntries = reader.Types(CommandPage.Inputs, Body(CommandPage.Inputs)),
            OutputEntries = reader.Types(CommandPage.Outputs, Body(CommandPage.Outputs)),
            NotesText = reader.Text(CommandPage.Notes, Body(CommandPage.Notes)),
            Links = reader.Links(Body(CommandPage.RelatedLinks)),
        };
    }
}
