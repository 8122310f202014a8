namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One ### example: introduction, code blocks and remarks; Line is that of its heading.</summary>
internal sealed record ExampleEntry(string Title, IReadOnlyList<string> Introduction, IReadOnlyList<string> Code, IReadOnlyList<string> Remarks, int Line);
