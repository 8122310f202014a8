using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>Compares one documented yaml block with what the compiled cmdlet says, key by key. Default value is the writer's.</summary>
internal static class YamlComparer
{
    public static void Compare(string path, string parameter, YamlBlock block, ParameterYaml expected, ProblemList problems)
    {
        Check(YamlBlock.Type, v => string.Equals(v, expected.Type, StringComparison.OrdinalIgnoreCase), expected.Type);
        Check(YamlBlock.Aliases, v => ParameterChecker.SameSet(ParameterChecker.Split(v).Where(a => a != "None"), expected.Aliases),
            expected.Aliases.Count > 0 ? string.Join(", ", expected.Aliases) : "(none)");
        Check(YamlBlock.Required, v => bool.TryParse(v, out var required) && required == expected.Required, expected.Required.ToString());
        Check(YamlBlock.Position, v => string.Equals(v, expected.PositionText, StringComparison.OrdinalIgnoreCase), expected.PositionText);
        Check(YamlBlock.PipelineInput, v => SamePipelineInput(v, expected), expected.PipelineInputText);
        Check(YamlBlock.Wildcards, v => bool.TryParse(v, out var wildcards) && wildcards == expected.Wildcards, expected.Wildcards.ToString());

        var accepted = block.Find(YamlBlock.AcceptedValues);
        if (accepted is null && expected.AcceptedValues.Count > 0)
        {
            problems.Add(path, block.Line, $"-{parameter}: the block needs 'Accepted values: {string.Join(", ", expected.AcceptedValues)}'.");
        }
        else if (accepted is not null && !ParameterChecker.SameSet(ParameterChecker.Split(accepted.Value), expected.AcceptedValues))
        {
            var wanted = expected.AcceptedValues.Count > 0 ? string.Join(", ", expected.AcceptedValues) : "(no such line: the parameter takes any value)";
            problems.Add(path, accepted.Line, $"-{parameter}: 'Accepted values' is '{accepted.Value}' but the compiled cmdlet accepts {wanted}.");
        }

        void Check(string key, Func<string, bool> agrees, string wanted)
        {
            if (block.Find(key) is { } entry && !agrees(entry.Value))
            {
                problems.Add(path, entry.Line, $"-{parameter}: '{key}' is '{entry.Value}' but the compiled cmdlet says '{wanted}'.");
            }
        }
    }

    private static bool SamePipelineInput(string value, ParameterYaml expected)
    {
        var text = value.ToLowerInvariant();
        if (text.StartsWith("false", StringComparison.Ordinal)) return !expected.ByValue && !expected.ByPropertyName;
        if (!text.StartsWith("true", StringComparison.Ordinal)) return false;
        var byPropertyName = text.Contains("bypropertyname", StringComparison.Ordinal);
        var byValue = text.Replace("bypropertyname", "", StringComparison.Ordinal).Contains("byvalue", StringComparison.Ordinal);
        return byValue == expected.ByValue && byPropertyName == expected.ByPropertyName;
    }
}
