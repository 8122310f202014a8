namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One ### -Name entry under ## PARAMETERS; Line is that of its heading.</summary>
internal sealed record ParameterEntry(string Name, IReadOnlyList<string> Description, IReadOnlyList<YamlBlock> Blocks, int Line);
