namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>
/// What a parameter's ```yaml block must say, from the compiled cmdlet. Sets that use the parameter alike share a
/// block; a parameter used alike by every set says (All).
/// </summary>
internal sealed record ParameterYaml(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    int? Position,
    bool ByValue,
    bool ByPropertyName,
    bool Wildcards)
{
    public const string AllSets = "(All)";

    public string ParameterSetsText => string.Join(", ", ParameterSets);

    public string PositionText => Position?.ToString() ?? "Named";

    public string PipelineInputText => (ByValue, ByPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    public static IReadOnlyList<ParameterYaml> For(CompiledCmdlet cmdlet, CompiledParameter parameter)
    {
        var groups = new List<List<ParameterUsage>>();
        foreach (var usage in parameter.Usages)
        {
            var group = groups.FirstOrDefault(g => g[0].SameMetadataAs(usage));
            if (group is null) groups.Add([usage]);
            else group.Add(usage);
        }
        return groups.Select(group =>
        {
            var first = group[0];
            IReadOnlyList<string> sets = group.Count == cmdlet.ParameterSets.Count ? [AllSets] : group.Select(u => u.SetName).ToArray();
            return new ParameterYaml(parameter.TypeName, sets, parameter.Aliases, parameter.AcceptedValues,
                first.Required, first.Position, first.ByValue, first.ByPropertyName, parameter.SupportsWildcards);
        }).ToArray();
    }

    /// <summary>The block as PlatyPS writes it, fences included.</summary>
    public IEnumerable<string> ToMarkdown(string defaultValue)
    {
        yield return "```yaml";
        yield return $"Type: {Type}";
        yield return $"Parameter Sets: {ParameterSetsText}";
        yield return Aliases.Count > 0 ? $"Aliases: {string.Join(", ", Aliases)}" : "Aliases:";
        if (AcceptedValues.Count > 0) yield return $"Accepted values: {string.Join(", ", AcceptedValues)}";
        yield return "";
        yield return $"Required: {Required}";
        yield return $"Position: {PositionText}";
        yield return $"Default value: {defaultValue}";
        yield return $"Accept pipeline input: {PipelineInputText}";
        yield return $"Accept wildcard characters: {Wildcards}";
        yield return "```";
    }
}
