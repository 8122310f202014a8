namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One ### type under ## INPUTS or ## OUTPUTS; Line is that of its heading.</summary>
internal sealed record TypeEntry(string TypeName, IReadOnlyList<string> Description, int Line);
