using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>
/// Markdown blocks as the plain paragraphs Get-Help shows: emphasis and code marks dropped, a link's address
/// after its text, each list item its own paragraph, code blocks kept line for line.
/// </summary>
internal static class PlainText
{
    public static IEnumerable<string> Paragraphs(Block block) => block switch
    {
        ParagraphBlock paragraph => [Inline(paragraph.Inline)],
        ListBlock list => list.OfType<ListItemBlock>().Select((item, i) => ListMarker(list, i) + string.Join(" ", item.SelectMany(Paragraphs))),
        CodeBlock code => [CodeText(code)],
        QuoteBlock quote => quote.SelectMany(Paragraphs),
        HeadingBlock heading => [Inline(heading.Inline)],
        _ => [],
    };

    public static string CodeText(LeafBlock code) =>
        string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString())).TrimEnd();

    public static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(container, text);
        return text.ToString().Trim();
    }

    private static string ListMarker(ListBlock list, int index) =>
        list.IsOrdered ? $"{int.Parse(list.OrderedStart ?? "1") + index}. " : "- ";

    private static void Append(ContainerInline? container, StringBuilder text)
    {
        if (container is null) return;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var before = text.Length;
                    Append(link, text);
                    var label = text.ToString(before, text.Length - before);
                    if (!string.IsNullOrEmpty(link.Url) && label != link.Url && Uri.IsWellFormedUriString(link.Url, UriKind.Absolute)) text.Append($" ({link.Url})");
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
                case ContainerInline nested:
                    Append(nested, text);
                    break;
            }
        }
    }
}
