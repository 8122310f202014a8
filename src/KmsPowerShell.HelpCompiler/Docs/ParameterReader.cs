using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>Reads ## PARAMETERS: each '### -Name' with its description and yaml blocks, then '### CommonParameters'.</summary>
internal sealed class ParameterReader(string path, ProblemList problems)
{
    public IReadOnlyList<ParameterEntry> Read(IEnumerable<Block> blocks, out bool hasCommonParameters)
    {
        hasCommonParameters = false;
        var entries = new List<ParameterEntry>();
        (HeadingBlock Heading, List<string> Description, List<YamlBlock> Yaml)? current = null;
        var inCommon = false;
        void Finish()
        {
            if (current is { } parameter)
            {
                entries.Add(new ParameterEntry(PlainText.Inline(parameter.Heading.Inline).TrimStart('-'), parameter.Description, parameter.Yaml, parameter.Heading.Line + 1));
            }
            current = null;
        }
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                Finish();
                var title = PlainText.Inline(heading.Inline);
                inCommon = title.Trim('<', '>') is "CommonParameters" or "WorkflowCommonParameters";
                hasCommonParameters |= inCommon;
                if (title.StartsWith('-')) current = (heading, [], []);
                else if (!inCommon) Problem(heading, $"'### {title}' under ## PARAMETERS: expected '### -ParameterName' or '### CommonParameters'.");
            }
            else if (inCommon)
            {
                continue;
            }
            else if (current is not { } parameter)
            {
                Problem(block, "## PARAMETERS holds '### -ParameterName' entries, then '### CommonParameters'.");
            }
            else if (block is FencedCodeBlock { Info: "yaml" } yaml)
            {
                parameter.Yaml.Add(YamlBlockParser.Parse(yaml, path, problems));
            }
            else if (parameter.Yaml.Count > 0)
            {
                Problem(block, $"text after the yaml block of -{PlainText.Inline(parameter.Heading.Inline).TrimStart('-')}: put the description before the ```yaml block.");
            }
            else if (block is HeadingBlock other)
            {
                Problem(other, "parameters take ### headings only.");
            }
            else
            {
                parameter.Description.AddRange(PlainText.Paragraphs(block));
            }
        }
        Finish();
        return entries;
    }

    private void Problem(Block block, string message) => problems.Add(path, block.Line + 1, message);
}
