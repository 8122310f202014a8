namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>A parameter's ```yaml block: simple key-value pairs, as PlatyPS reads them.</summary>
/// <param name="Line">The line of the opening ```yaml fence.</param>
internal sealed record YamlBlock(IReadOnlyList<YamlEntry> Entries, int Line)
{
    public const string Type = "Type";
    public const string ParameterSets = "Parameter Sets";
    public const string Aliases = "Aliases";
    public const string AcceptedValues = "Accepted values";
    public const string Applicable = "Applicable";
    public const string Required = "Required";
    public const string Position = "Position";
    public const string DefaultValue = "Default value";
    public const string PipelineInput = "Accept pipeline input";
    public const string Wildcards = "Accept wildcard characters";

    public static readonly IReadOnlyList<string> KnownKeys =
        [Type, ParameterSets, Aliases, AcceptedValues, Applicable, Required, Position, DefaultValue, PipelineInput, Wildcards];

    public static readonly IReadOnlyList<string> RequiredKeys =
        [Type, ParameterSets, Aliases, Required, Position, DefaultValue, PipelineInput, Wildcards];

    public YamlEntry? Find(string key) => Entries.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    public string? Get(string key) => Find(key)?.Value;
}
