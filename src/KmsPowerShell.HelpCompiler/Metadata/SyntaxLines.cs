using System.Text;

namespace KmsPowerShell.HelpCompiler.Metadata;

/// <summary>The syntax of a parameter set as PlatyPS writes it under ## SYNTAX: short type names, wrapped at 110 columns.</summary>
internal static class SyntaxLines
{
    private const int MaxWidth = 110;

    public static string For(CompiledCmdlet cmdlet, CompiledParameterSet set)
    {
        var text = new StringBuilder(cmdlet.Name);
        var lineStart = 0;
        foreach (var part in set.ParameterNames.Select(name => Part(cmdlet.FindParameter(name)!, set.Name)).Append("[<CommonParameters>]"))
        {
            if (text.Length - lineStart + part.Length > MaxWidth)
            {
                text.Append('\n');
                lineStart = text.Length;
            }
            text.Append(' ').Append(part);
        }
        return text.ToString();
    }

    /// <summary>The ### heading of a set; PlatyPS writes none when the cmdlet has a single set.</summary>
    public static string? Heading(CompiledCmdlet cmdlet, CompiledParameterSet set) =>
        cmdlet.ParameterSets.Count == 1 ? null : set.IsDefault ? $"{set.Name} (Default)" : set.Name;

    private static string Part(CompiledParameter parameter, string setName)
    {
        if (parameter.IsSwitch) return $"[-{parameter.Name}]";
        var usage = parameter.Usages.First(u => u.SetName == setName);
        var name = usage.Position is null ? $"-{parameter.Name}" : $"[-{parameter.Name}]";
        var part = $"{name} <{parameter.TypeName}>";
        return usage.Required ? part : $"[{part}]";
    }
}
