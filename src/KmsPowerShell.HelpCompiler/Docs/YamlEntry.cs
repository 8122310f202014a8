namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>One "Key: value" line of a parameter's yaml block, at its 1-based line.</summary>
internal sealed record YamlEntry(string Key, string Value, int Line);
