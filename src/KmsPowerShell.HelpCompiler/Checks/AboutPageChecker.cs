using KmsPowerShell.HelpCompiler.Docs;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>Checks an about topic: '# Title', '## about_Name' (the lookup name), '## SHORT DESCRIPTION', '## LONG DESCRIPTION'.</summary>
internal static class AboutPageChecker
{
    public static void Check(MarkdownFile about, string topic, ProblemList problems)
    {
        Placeholders.Check(about, problems);
        var headings = about.Document.Where(b => b is not YamlFrontMatterBlock).ToArray();
        if (headings.Length < 2 || headings[0] is not HeadingBlock { Level: 1 } || headings[1] is not HeadingBlock { Level: 2 } lookup
            || PlainText.Inline(lookup.Inline) != topic)
        {
            problems.Add(about.Path, headings.FirstOrDefault()?.Line + 1 ?? 1, $"an about topic starts with '# Title' and then '## {topic}', the name Get-Help looks it up by.");
        }
        foreach (var section in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
        {
            var found = about.Document.OfType<HeadingBlock>().Any(h => h.Level == 2 && PlainText.Inline(h.Inline) == section);
            if (!found) problems.Add(about.Path, 1, $"the about topic has no '## {section}' section.");
        }
    }
}
