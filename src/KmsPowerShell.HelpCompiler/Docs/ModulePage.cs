using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>The PlatyPS module page (docs/en-US/ModuleName.md): identity in front matter, then a list of cmdlets.</summary>
internal sealed class ModulePage
{
    private ModulePage(MarkdownFile file) => File = file;

    public MarkdownFile File { get; }

    public string Title { get; private set; } = "";

    public int DescriptionLine { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>The line of '## ModuleName Cmdlets', or 0 when missing.</summary>
    public int CmdletsLine { get; private set; }

    public List<ModulePageEntry> Entries { get; } = [];

    public static ModulePage Parse(MarkdownFile file)
    {
        var page = new ModulePage(file);
        string? section = null;
        (string Name, string Target, int Line, List<string> Text)? entry = null;
        void Finish()
        {
            if (entry is { } e) page.Entries.Add(new ModulePageEntry(e.Name, e.Target, string.Join(" ", e.Text), e.Line));
            entry = null;
        }
        foreach (var block in file.Document)
        {
            if (block is HeadingBlock heading)
            {
                var text = PlainText.Inline(heading.Inline);
                if (heading.Level == 1) page.Title = text;
                if (heading.Level <= 2) { Finish(); section = text; }
                if (heading.Level == 2 && text.Equals("Description", StringComparison.OrdinalIgnoreCase)) page.DescriptionLine = block.Line + 1;
                if (heading.Level == 2 && text.EndsWith(" Cmdlets", StringComparison.Ordinal)) page.CmdletsLine = block.Line + 1;
                if (heading.Level == 3 && page.CmdletsLine > 0)
                {
                    Finish();
                    var link = heading.Inline?.OfType<LinkInline>().FirstOrDefault();
                    entry = (link is null ? text : PlainText.Inline(link), link?.Url ?? "", block.Line + 1, []);
                }
            }
            else if (entry is { } current)
            {
                current.Text.AddRange(PlainText.Paragraphs(block));
            }
            else if (section?.Equals("Description", StringComparison.OrdinalIgnoreCase) == true)
            {
                page.Description = (page.Description + " " + string.Join(" ", PlainText.Paragraphs(block))).Trim();
            }
        }
        Finish();
        return page;
    }
}
