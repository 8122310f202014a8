using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>Reads a parameter's ```yaml block; anything but known "Key: value" lines is a problem at its line.</summary>
internal static partial class YamlBlockParser
{
    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z ]*?)\s*:(?:\s+(?<value>.*?))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();

    public static YamlBlock Parse(FencedCodeBlock block, string path, ProblemList problems)
    {
        var fenceLine = block.Line + 1;
        var entries = new List<YamlEntry>();
        var lines = block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString()).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = fenceLine + 1 + i;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            if (lines[i].TrimStart().StartsWith('#') || lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                problems.Add(path, line, $"broken yaml: the ```yaml block opened at line {fenceLine} is not closed before '{lines[i].Trim()}': add the closing ``` line.");
                break;
            }
            var match = KeyValue().Match(lines[i]);
            if (!match.Success)
            {
                problems.Add(path, line, $"broken yaml: '{lines[i].Trim()}' is not a 'Key: value' line (is a ``` fence missing or misplaced?).");
                continue;
            }
            var key = match.Groups["key"].Value;
            var known = YamlBlock.KnownKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add(path, line, $"broken yaml: unknown key '{key}'. The keys are: {string.Join(", ", YamlBlock.KnownKeys)}.");
                continue;
            }
            if (entries.Any(e => e.Key == known))
            {
                problems.Add(path, line, $"broken yaml: '{known}' is given twice in one block.");
                continue;
            }
            entries.Add(new YamlEntry(known, match.Groups["value"].Value, line));
        }
        foreach (var key in YamlBlock.RequiredKeys.Where(k => entries.All(e => e.Key != k)))
        {
            problems.Add(path, fenceLine, $"broken yaml: the block has no '{key}:' line.");
        }
        return new YamlBlock(entries, fenceLine);
    }
}
