namespace KmsPowerShell.HelpCompiler;

/// <summary>Something wrong in a help page, at a 1-based line; printed as path:line: message.</summary>
internal sealed record HelpProblem(string Path, int Line, string Message)
{
    public override string ToString() => $"{Path}:{Line}: {Message}";
}
