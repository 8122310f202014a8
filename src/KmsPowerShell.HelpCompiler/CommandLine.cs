namespace KmsPowerShell.HelpCompiler;

/// <summary>The compiler's arguments: a command (compile or update) and --name value options.</summary>
internal sealed record CommandLine(string Command, string Module, string Docs, string? Output)
{
    public static CommandLine? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("compile" or "update")) return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            values[args[i][2..]] = args[i + 1];
        }
        if (!values.TryGetValue("module", out var module) || !values.TryGetValue("docs", out var docs)) return null;
        values.TryGetValue("output", out var output);
        if (args[0] == "compile" && output is null) return null;
        return new CommandLine(args[0], module, docs, output);
    }
}
