using System.Text;
using KmsPowerShell.HelpCompiler.Docs;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Output;

/// <summary>
/// Renders an about topic to the .help.txt Get-Help shows, laid out as PlatyPS does: TOPIC and the lookup name
/// first, section names at the margin, text indented and wrapped at 80 columns.
/// </summary>
internal static class AboutTextWriter
{
    private const int Width = 80;
    private const string Indent = "    ";

    public static string Render(MarkdownFile about)
    {
        var text = new StringBuilder();
        var blocks = about.Document.Where(b => b is not YamlFrontMatterBlock).ToArray();
        for (var i = 0; i < blocks.Length; i++)
        {
            switch (blocks[i])
            {
                case HeadingBlock when i == 0:
                    text.Append("TOPIC\n");
                    break;
                case HeadingBlock { Level: 2 } heading when i == 1:
                    text.Append(Indent).Append(PlainText.Inline(heading.Inline).ToLowerInvariant()).Append("\n\n");
                    break;
                case HeadingBlock { Level: 1 } heading:
                    text.Append(PlainText.Inline(heading.Inline).ToUpperInvariant()).Append('\n');
                    break;
                case HeadingBlock { Level: 2 } heading:
                    text.Append(PlainText.Inline(heading.Inline)).Append('\n');
                    break;
                case HeadingBlock heading:
                    text.Append(Indent).Append(PlainText.Inline(heading.Inline).ToUpperInvariant()).Append('\n');
                    break;
                case CodeBlock code:
                    foreach (var line in PlainText.CodeText(code).Split('\n')) text.Append((Indent + Indent + line).TrimEnd()).Append('\n');
                    text.Append('\n');
                    break;
                case ListBlock list:
                    // Wrapped lines of an item line up under its text, after the "- " or "12. " marker.
                    foreach (var item in PlainText.Paragraphs(list)) Wrap(item, Indent, Indent + new string(' ', item.IndexOf(' ') + 1), text);
                    text.Append('\n');
                    break;
                default:
                    foreach (var paragraph in PlainText.Paragraphs(blocks[i])) Wrap(paragraph, Indent, Indent, text);
                    text.Append('\n');
                    break;
            }
        }
        return text.ToString().TrimEnd() + "\n";
    }

    private static void Wrap(string paragraph, string firstIndent, string nextIndent, StringBuilder text)
    {
        var indent = firstIndent;
        foreach (var hardLine in paragraph.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && indent.Length + line.Length + 1 + word.Length > Width)
                {
                    text.Append(indent).Append(line).Append('\n');
                    line.Clear();
                    indent = nextIndent;
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            text.Append(indent).Append(line).Append('\n');
            indent = nextIndent;
        }
    }
}
