using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>Checks ## PARAMETERS: every compiled parameter documented once, nothing else, and yaml that tells the truth.</summary>
internal static class ParameterChecker
{
    public static void Check(CommandPage page, CompiledCmdlet cmdlet, ProblemList problems)
    {
        if (page.FindSection(CommandPage.Parameters) is not { } section) return;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in page.ParameterEntries)
        {
            if (!seen.Add(entry.Name))
            {
                problems.Add(page.Path, entry.Line, $"-{entry.Name} is documented twice.");
                continue;
            }
            if (cmdlet.FindParameter(entry.Name) is not { } parameter)
            {
                var known = string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name));
                problems.Add(page.Path, entry.Line, $"unknown parameter -{entry.Name}: {cmdlet.Name} has no such parameter (it has {known}).");
                continue;
            }
            if (entry.Name != parameter.Name) problems.Add(page.Path, entry.Line, $"write the parameter as -{parameter.Name}.");
            if (entry.Description.Count == 0) problems.Add(page.Path, entry.Line, $"-{parameter.Name} has no description.");
            CheckYaml(page.Path, entry, ParameterYaml.For(cmdlet, parameter), problems);
        }
        foreach (var missing in cmdlet.Parameters.Where(p => !seen.Contains(p.Name)))
        {
            problems.Add(page.Path, section.Line, $"the parameter -{missing.Name} of {cmdlet.Name} is not documented: add a '### -{missing.Name}' entry ({PageChecker.UpdateHint}).");
        }
    }

    private static void CheckYaml(string path, ParameterEntry entry, IReadOnlyList<ParameterYaml> expected, ProblemList problems)
    {
        if (entry.Blocks.Count == 0)
        {
            problems.Add(path, entry.Line, $"-{entry.Name} has no ```yaml block ({PageChecker.UpdateHint}).");
            return;
        }
        var unmatched = expected.ToList();
        foreach (var block in entry.Blocks)
        {
            var sets = Split(block.Get(YamlBlock.ParameterSets));
            var match = unmatched.FirstOrDefault(e => SameSet(e.ParameterSets, sets));
            if (match is null)
            {
                var line = block.Find(YamlBlock.ParameterSets)?.Line ?? block.Line;
                var wanted = string.Join("; ", expected.Select(e => e.ParameterSetsText));
                problems.Add(path, line, $"-{entry.Name}: 'Parameter Sets: {string.Join(", ", sets)}' does not match the compiled cmdlet, whose blocks are for: {wanted} ({PageChecker.UpdateHint}).");
                continue;
            }
            unmatched.Remove(match);
            YamlComparer.Compare(path, entry.Name, block, match, problems);
        }
        foreach (var missing in unmatched)
        {
            problems.Add(path, entry.Line, $"-{entry.Name} needs a yaml block for 'Parameter Sets: {missing.ParameterSetsText}' ({PageChecker.UpdateHint}).");
        }
    }

    internal static IReadOnlyList<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static bool SameSet(IEnumerable<string> left, IEnumerable<string> right) =>
        left.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(right);
}
