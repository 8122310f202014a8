namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One '### [Cmdlet](Cmdlet.md)' entry of the module page, with its one-line summary; Line is that of its heading.</summary>
internal sealed record ModulePageEntry(string Name, string Target, string Summary, int Line);
