using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>The rules for the blocks of each ## section of a cmdlet page.</summary>
internal sealed class SectionReader(string path, ProblemList problems)
{
    private const string DefaultMark = "(Default)";

    public IReadOnlyList<string> Text(string section, IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            if (block is HeadingBlock heading) Problem(heading, $"a heading inside ## {section}: it takes paragraphs, lists and code only.");
            else paragraphs.AddRange(PlainText.Paragraphs(block));
        }
        return paragraphs;
    }

    public IReadOnlyList<SyntaxEntry> Syntax(IEnumerable<Block> blocks)
    {
        var entries = new List<SyntaxEntry>();
        HeadingBlock? pending = null;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock { Level: 3 } heading:
                    pending = heading;
                    break;
                case FencedCodeBlock code:
                    var title = pending is null ? null : PlainText.Inline(pending.Inline);
                    var isDefault = title?.EndsWith(DefaultMark, StringComparison.OrdinalIgnoreCase) == true;
                    var setName = isDefault ? title![..^DefaultMark.Length].Trim() : title;
                    entries.Add(new SyntaxEntry(setName, isDefault, PlainText.CodeText(code), (pending ?? (Block)code).Line + 1));
                    pending = null;
                    break;
                default:
                    Problem(block, "## SYNTAX holds '### ParameterSetName' headings, each with a ``` block of syntax.");
                    break;
            }
        }
        return entries;
    }

    public IReadOnlyList<TypeEntry> Types(string section, IEnumerable<Block> blocks)
    {
        var entries = new List<TypeEntry>();
        (HeadingBlock Heading, List<string> Description)? current = null;
        void Finish()
        {
            if (current is { } type) entries.Add(new TypeEntry(PlainText.Inline(type.Heading.Inline), type.Description, type.Heading.Line + 1));
        }
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                Finish();
                current = (heading, []);
            }
            else if (current is not { } type || block is HeadingBlock)
            {
                Problem(block, $"## {section} holds '### TypeName' headings, each with a description.");
            }
            else
            {
                type.Description.AddRange(PlainText.Paragraphs(block));
            }
        }
        Finish();
        return entries;
    }

    public IReadOnlyList<LinkEntry> Links(IEnumerable<Block> blocks)
    {
        var links = new List<LinkEntry>();
        foreach (var block in blocks.SelectMany(Leaves))
        {
            if (block is not ParagraphBlock { Inline: { } inlines })
            {
                Problem(block, "## RELATED LINKS holds [text](uri) links only.");
                continue;
            }
            foreach (var inline in inlines)
            {
                switch (inline)
                {
                    case LinkInline { IsImage: false } link:
                        links.Add(new LinkEntry(PlainText.Inline(link), link.Url ?? "", link.Line + 1));
                        break;
                    case LineBreakInline:
                        break;
                    case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                        break;
                    default:
                        Problem(block, $"## RELATED LINKS holds [text](uri) links only, not '{PlainText.Inline(inlines)}'.");
                        break;
                }
            }
        }
        return links;
    }

    private static IEnumerable<Block> Leaves(Block block) =>
        block is ContainerBlock container ? container.SelectMany(Leaves) : [block];

    public IReadOnlyList<ExampleEntry> Examples(IEnumerable<Block> blocks) => new ExampleReader(path, problems).Read(blocks);

    public IReadOnlyList<ParameterEntry> Parameters(IEnumerable<Block> blocks, out bool hasCommonParameters) =>
        new ParameterReader(path, problems).Read(blocks, out hasCommonParameters);

    private void Problem(Block block, string message) => problems.Add(path, block.Line + 1, message);
}
