namespace KmsPowerShell.HelpCompiler.Docs;

// The parts of a cmdlet page. Lines are 1-based, for problems that point at the place to fix.

/// <summary>A ## section of a page: its name in capitals and the line of its heading.</summary>
internal sealed record SectionHeading(string Name, int Line);

/// <summary>One ``` block under ## SYNTAX and the ### heading above it, if any.</summary>
internal sealed record SyntaxEntry(string? SetName, bool IsDefault, string Text, int Line);

/// <summary>One ### example: introduction, code blocks and remarks.</summary>
internal sealed record ExampleEntry(string Title, IReadOnlyList<string> Introduction, IReadOnlyList<string> Code, IReadOnlyList<string> Remarks, int Line);

/// <summary>One ### -Name entry under ## PARAMETERS.</summary>
internal sealed record ParameterEntry(string Name, IReadOnlyList<string> Description, IReadOnlyList<YamlBlock> Blocks, int Line);

/// <summary>One ### type under ## INPUTS or ## OUTPUTS.</summary>
internal sealed record TypeEntry(string TypeName, IReadOnlyList<string> Description, int Line);

/// <summary>One [text](uri) under ## RELATED LINKS.</summary>
internal sealed record LinkEntry(string Text, string Uri, int Line);
