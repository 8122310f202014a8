using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>Reads ## EXAMPLES: each '### Example N: title' with an introduction, code blocks and remarks.</summary>
internal sealed class ExampleReader(string path, ProblemList problems)
{
    public IReadOnlyList<ExampleEntry> Read(IEnumerable<Block> blocks)
    {
        var examples = new List<ExampleEntry>();
        (HeadingBlock Heading, List<string> Intro, List<string> Code, List<string> Remarks)? current = null;
        void Finish()
        {
            if (current is not { } example) return;
            if (example.Code.Count == 0) Problem(example.Heading, $"the example '{PlainText.Inline(example.Heading.Inline)}' has no ```powershell code block.");
            examples.Add(new ExampleEntry(PlainText.Inline(example.Heading.Inline), example.Intro, example.Code, example.Remarks, example.Heading.Line + 1));
        }
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                Finish();
                current = (heading, [], [], []);
            }
            else if (current is not { } example)
            {
                Problem(block, "## EXAMPLES starts with a '### Example 1: ...' heading.");
            }
            else if (block is HeadingBlock other)
            {
                Problem(other, "examples take ### headings only.");
            }
            else if (block is FencedCodeBlock code)
            {
                example.Code.Add(PlainText.CodeText(code));
            }
            else
            {
                (example.Code.Count == 0 ? example.Intro : example.Remarks).AddRange(PlainText.Paragraphs(block));
            }
        }
        Finish();
        return examples;
    }

    private void Problem(Block block, string message) => problems.Add(path, block.Line + 1, message);
}
