using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;

namespace KmsPowerShell.HelpCompiler.Update;

/// <summary>
/// A new page for a cmdlet, filled from its metadata; what only a person can write is a {{ ... }} placeholder, which the
/// compiler refuses to ship.
/// </summary>
internal static class PageSkeleton
{
    public static string Page(CompiledModule module, CompiledCmdlet cmdlet)
    {
        var lines = PageText.FrontMatter(module, cmdlet).Concat(["", $"# {cmdlet.Name}", ""]);
        foreach (var section in CommandPage.SectionOrder) lines = lines.Concat(Section(section, cmdlet));
        return string.Join("\n", lines).TrimEnd() + "\n";
    }

    public static IEnumerable<string> Section(string name, CompiledCmdlet cmdlet) => name switch
    {
        CommandPage.Synopsis => ["## SYNOPSIS", PageText.Placeholder("Fill in the Synopsis"), ""],
        CommandPage.Syntax => PageText.Syntax(cmdlet),
        CommandPage.Description => ["## DESCRIPTION", PageText.Placeholder("Fill in the Description"), ""],
        CommandPage.Examples =>
        [
            "## EXAMPLES", "",
            "### Example 1", "```powershell", $"PS C:\\> {PageText.Placeholder("Add example code here")}", "```", "",
            PageText.Placeholder("Add example description here"), "",
        ],
        CommandPage.Parameters => Parameters(cmdlet),
        CommandPage.Inputs => Types("INPUTS", cmdlet.InputTypes, "You cannot pipe objects to this cmdlet."),
        CommandPage.Outputs => Types("OUTPUTS", cmdlet.OutputTypes, "This cmdlet returns no output."),
        CommandPage.Notes => ["## NOTES", ""],
        CommandPage.RelatedLinks => ["## RELATED LINKS", ""],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a section of a cmdlet page."),
    };

    private static IEnumerable<string> Parameters(CompiledCmdlet cmdlet)
    {
        var lines = new List<string> { "## PARAMETERS", "" };
        foreach (var parameter in cmdlet.Parameters.OrderBy(p => p.Name, Comparer<string>.Create(PageText.Order)))
        {
            lines.AddRange(PageText.Parameter(cmdlet, parameter, null, _ => null));
        }
        lines.AddRange(PageText.CommonParameters());
        return lines;
    }

    private static IEnumerable<string> Types(string section, IReadOnlyList<string> types, string none)
    {
        yield return $"## {section}";
        yield return "";
        foreach (var type in types.DefaultIfEmpty("None"))
        {
            yield return $"### {type}";
            yield return type == "None" ? none : PageText.Placeholder($"Describe the {type}");
            yield return "";
        }
    }
}
