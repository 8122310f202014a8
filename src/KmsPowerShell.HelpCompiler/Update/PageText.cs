using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Update;

/// <summary>The markdown PlatyPS writes for the parts of a page that come from the compiled cmdlet.</summary>
internal static class PageText
{
    public const string CommonParametersText =
        "This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, " +
        "-InformationVariable, -OutBuffer, -OutVariable, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, " +
        "and -WarningVariable. For more information, see " +
        "[about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).";

    private static readonly Dictionary<string, string> StandardDescriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
    };

    public static string Placeholder(string what) => $"{{{{ {what} }}}}";

    public static IEnumerable<string> FrontMatter(CompiledModule module, CompiledCmdlet cmdlet) =>
    [
        "---",
        $"external help file: {module.HelpFileName}",
        $"Module Name: {module.Name}",
        $"online version: {module.OnlineVersion(cmdlet.Name)}",
        "schema: 2.0.0",
        "---",
    ];

    public static IEnumerable<string> Syntax(CompiledCmdlet cmdlet)
    {
        yield return "## SYNTAX";
        yield return "";
        foreach (var set in cmdlet.ParameterSets)
        {
            if (SyntaxLines.Heading(cmdlet, set) is { } heading) yield return $"### {heading}";
            yield return "```";
            foreach (var line in SyntaxLines.For(cmdlet, set).Split('\n')) yield return line;
            yield return "```";
            yield return "";
        }
    }

    /// <summary>A parameter entry: kept description lines (or a standard or placeholder one) and fresh yaml blocks.</summary>
    public static IEnumerable<string> Parameter(CompiledCmdlet cmdlet, CompiledParameter parameter, IReadOnlyList<string>? description, Func<ParameterYaml, string?> defaultValue)
    {
        yield return $"### -{parameter.Name}";
        var text = description is { Count: > 0 } ? description
            : StandardDescriptions.TryGetValue(parameter.Name, out var standard) ? [standard]
            : [Placeholder($"Fill {parameter.Name} Description")];
        foreach (var line in text) yield return line;
        yield return "";
        foreach (var yaml in ParameterYaml.For(cmdlet, parameter))
        {
            var fallback = parameter.IsSwitch ? "False" : "None";
            foreach (var line in yaml.ToMarkdown(defaultValue(yaml) ?? fallback)) yield return line;
            yield return "";
        }
    }

    public static IEnumerable<string> CommonParameters() => ["### CommonParameters", CommonParametersText, ""];

    /// <summary>Alphabetical, with -Confirm and -WhatIf last, as PlatyPS orders them.</summary>
    public static int Order(string left, string right)
    {
        var byGroup = IsShouldProcess(left).CompareTo(IsShouldProcess(right));
        return byGroup != 0 ? byGroup : StringComparer.OrdinalIgnoreCase.Compare(left, right);
    }

    private static bool IsShouldProcess(string name) => name is "Confirm" or "WhatIf";
}
