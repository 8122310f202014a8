using System.Management.Automation;
using System.Management.Automation.Internal;
using System.Management.Automation.Language;
using System.Reflection;
using System.Text.RegularExpressions;
using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>
/// Finds parameters that the text and examples of a page name but no cmdlet has. A command of the module (in a code
/// span, an example or a PowerShell code block) is checked against its own parameters; a bare `-Name` code span, which
/// pages also use for the parameters of other cmdlets, against those of every cmdlet of the module.
/// </summary>
internal static partial class ParameterMentions
{
    /// <summary>The common parameters and their aliases (-ErrorAction, -ea, ...), which every cmdlet takes.</summary>
    private static readonly HashSet<string> Common = typeof(CommonParameters).GetProperties()
        .SelectMany(p => p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).Append(p.Name))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^-[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BareParameter();

    [GeneratedRegex(@"^(PS [^>]*> |>> )", RegexOptions.CultureInvariant)]
    private static partial Regex Prompt();

    public static void Check(CommandPage page, CompiledCmdlet cmdlet, CompiledModule module, ProblemList problems)
    {
        foreach (var code in page.File.Document.Descendants<CodeInline>())
        {
            var line = LineOf(code);
            if (!BareParameter().IsMatch(code.Content)) CheckCode(page.Path, line, code.Content, module, problems);
            else if (!module.Cmdlets.Any(c => Has(c, code.Content[1..])))
            {
                problems.Add(page.Path, line, $"{code.Content} is named here, but neither {cmdlet.Name} nor any other cmdlet of {module.Name} has such a parameter.");
            }
        }
        foreach (var example in page.ExampleEntries)
        {
            foreach (var code in example.Code) CheckCode(page.Path, example.Line, Commands(code), module, problems);
        }
    }

    /// <summary>Checks the code blocks of an about topic.</summary>
    public static void Check(MarkdownFile about, CompiledModule module, ProblemList problems)
    {
        foreach (var block in about.Document.Descendants<CodeBlock>().Where(IsPowerShell))
        {
            CheckCode(about.Path, block.Line + 1, PlainText.CodeText(block), module, problems);
        }
    }

    private static void CheckCode(string path, int line, string code, CompiledModule module, ProblemList problems)
    {
        var script = Parser.ParseInput(code, out _, out _);
        foreach (var command in script.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (module.Cmdlets.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } target) continue;
            foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>().Where(p => !Has(target, p.ParameterName)))
            {
                problems.Add(path, line, Unknown(target, "-" + parameter.ParameterName));
            }
        }
    }

    private static bool IsPowerShell(CodeBlock block) =>
        block is not FencedCodeBlock fenced || (fenced.Info ?? "").ToLowerInvariant() is "" or "powershell" or "pwsh" or "ps1" or "ps";

    private static int LineOf(Inline inline)
    {
        var container = inline.Parent;
        while (container?.Parent is not null) container = container.Parent;
        return (container?.ParentBlock?.Line ?? 0) + 1;
    }

    /// <summary>An example's commands: the lines after a PS prompt when it shows one (the others are output), else all of it.</summary>
    private static string Commands(string example)
    {
        var lines = example.Split('\n');
        return lines.Any(l => Prompt().IsMatch(l))
            ? string.Join('\n', lines.Where(l => Prompt().IsMatch(l)).Select(l => Prompt().Replace(l, "")))
            : example;
    }

    private static bool Has(CompiledCmdlet cmdlet, string name) =>
        Common.Contains(name) || cmdlet.Parameters.Any(p =>
            string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));

    private static string Unknown(CompiledCmdlet cmdlet, string parameter) =>
        $"{parameter} is named here, but {cmdlet.Name} has no such parameter (it has {string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name))}).";
}
