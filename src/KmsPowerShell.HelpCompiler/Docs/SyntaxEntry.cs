namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One ``` block under ## SYNTAX and the ### heading above it, if any; Line is 1-based.</summary>
internal sealed record SyntaxEntry(string? SetName, bool IsDefault, string Text, int Line);
