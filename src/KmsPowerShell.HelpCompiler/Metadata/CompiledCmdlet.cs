namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>One exported cmdlet, as the compiled assembly defines it.</summary>
/// <param name="ParameterSets">In PowerShell's order; a cmdlet without named sets has one, __AllParameterSets.</param>
/// <param name="Parameters">Every parameter a page documents: the common parameters left out, WhatIf and Confirm kept.</param>
/// <param name="OutputTypes">Full type names from [OutputType], System.Void left out.</param>
internal sealed record CompiledCmdlet(
    string Name,
    IReadOnlyList<CompiledParameterSet> ParameterSets,
    IReadOnlyList<CompiledParameter> Parameters,
    IReadOnlyList<string> OutputTypes)
{
    public string Verb => Name[..Name.IndexOf('-')];

    public string Noun => Name[(Name.IndexOf('-') + 1)..];

    public CompiledParameter? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The full type names of the parameters that take pipeline input, in declaration order.</summary>
    public IReadOnlyList<string> InputTypes =>
        Parameters.Where(p => p.Usages.Any(u => u.ByValue || u.ByPropertyName)).Select(p => p.FullTypeName).Distinct().ToArray();
}
