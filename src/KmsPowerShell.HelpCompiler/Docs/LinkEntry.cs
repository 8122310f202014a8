namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One [text](uri) under ## RELATED LINKS.</summary>
internal sealed record LinkEntry(string Text, string Uri, int Line);
