namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>One parameter of a cmdlet and how each parameter set uses it.</summary>
/// <param name="TypeName">The type as PlatyPS writes it: the short name (String[], SwitchParameter, KmsSession).</param>
/// <param name="AcceptedValues">From [ValidateSet] (or the module's [ValidateKmsName]) or the names of an enum type; empty when anything goes.</param>
/// <param name="Usages">One per parameter set the parameter belongs to, in the cmdlet's set order.</param>
internal sealed record CompiledParameter(
    string Name,
    string TypeName,
    string FullTypeName,
    bool IsSwitch,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool SupportsWildcards,
    IReadOnlyList<ParameterUsage> Usages);
