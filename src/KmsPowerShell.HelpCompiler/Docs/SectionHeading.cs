namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>A ## section of a page: its name in capitals and the 1-based line of its heading.</summary>
internal sealed record SectionHeading(string Name, int Line);
