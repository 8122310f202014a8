namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>A parameter set: its name and its documented parameters in the order Get-Command -Syntax shows them.</summary>
internal sealed record CompiledParameterSet(string Name, bool IsDefault, IReadOnlyList<string> ParameterNames)
{
    public const string AllSets = "__AllParameterSets";
}
