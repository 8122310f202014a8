using System.Text;
using System.Xml;
using System.Xml.Linq;
using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using static KmsPowerShell.HelpCompiler.Output.MamlNames;

namespace KmsPowerShell.HelpCompiler.Output;

/// <summary>
/// Writes the MAML help file the way PlatyPS's New-ExternalHelp does: one command:command per cmdlet, text from the
/// pages, syntax and parameter attributes from the compiled cmdlets.
/// </summary>
internal static class MamlWriter
{
    public static XDocument Build(IEnumerable<(CompiledCmdlet Cmdlet, CommandPage Page)> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(c => Command(c.Cmdlet, c.Page))));

    public static void Save(XDocument document, string path)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static XElement Command(CompiledCmdlet cmdlet, CommandPage page)
    {
        var parameters = page.ParameterEntries.Where(e => cmdlet.FindParameter(e.Name) is not null)
            .Select(e => new DocumentedParameter(cmdlet.FindParameter(e.Name)!, e))
            .ToArray();
        return new XElement(MamlNames.Command + "command", Declarations(),
            new XElement(MamlNames.Command + "details",
                new XElement(MamlNames.Command + "name", cmdlet.Name),
                new XElement(MamlNames.Command + "verb", cmdlet.Verb),
                new XElement(MamlNames.Command + "noun", cmdlet.Noun),
                new XElement(Maml + "description", Paragraphs(page.SynopsisText))),
            new XElement(Maml + "description", Paragraphs(page.DescriptionText)),
            new XElement(MamlNames.Command + "syntax", cmdlet.ParameterSets.Select(set => SyntaxItem(cmdlet, set, parameters))),
            new XElement(MamlNames.Command + "parameters", parameters.Select(p => Parameter(p, p.Compiled.Usages[0], inSyntax: false))),
            new XElement(MamlNames.Command + "inputTypes", page.InputEntries.Select(t => TypeEntry("inputType", t))),
            new XElement(MamlNames.Command + "returnValues", page.OutputEntries.Select(t => TypeEntry("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(page.NotesText))),
            new XElement(MamlNames.Command + "examples", page.ExampleEntries.Select(Example)),
            new XElement(MamlNames.Command + "relatedLinks", Links(page)));
    }

    private static XElement SyntaxItem(CompiledCmdlet cmdlet, CompiledParameterSet set, IReadOnlyList<DocumentedParameter> parameters) =>
        new(MamlNames.Command + "syntaxItem",
            new XElement(Maml + "name", cmdlet.Name),
            set.ParameterNames.Select(name => parameters.FirstOrDefault(p => p.Compiled.Name == name))
                .OfType<DocumentedParameter>()
                .Select(p => Parameter(p, p.Compiled.Usages.First(u => u.SetName == set.Name), inSyntax: true)));

    private static XElement Parameter(DocumentedParameter parameter, ParameterUsage usage, bool inSyntax)
    {
        var compiled = parameter.Compiled;
        var yaml = new ParameterYaml(compiled.TypeName, [usage.SetName], compiled.Aliases, compiled.AcceptedValues,
            usage.Required, usage.Position, usage.ByValue, usage.ByPropertyName, compiled.SupportsWildcards);
        return new XElement(MamlNames.Command + "parameter",
            new XAttribute("required", Lower(usage.Required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(compiled.SupportsWildcards)),
            new XAttribute("pipelineInput", yaml.PipelineInputText),
            new XAttribute("position", yaml.PositionText.ToLowerInvariant()),
            new XAttribute("aliases", compiled.Aliases.Count > 0 ? string.Join(", ", compiled.Aliases) : "none"),
            new XElement(Maml + "name", compiled.Name),
            new XElement(Maml + "description", Paragraphs(parameter.Entry.Description)),
            inSyntax && compiled.AcceptedValues.Count > 0
                ? new XElement(MamlNames.Command + "parameterValueGroup", compiled.AcceptedValues.Select(v =>
                    new XElement(MamlNames.Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(MamlNames.Command + "variableLength", "false"), v)))
                : null,
            // PlatyPS leaves the value out of a switch in syntax, so Get-Help shows [-PassThru] rather than [-PassThru <SwitchParameter>].
            inSyntax && compiled.IsSwitch
                ? null
                : new XElement(MamlNames.Command + "parameterValue", new XAttribute("required", Lower(!compiled.IsSwitch)), new XAttribute("variableLength", "false"), compiled.TypeName),
            new XElement(Dev + "type", new XElement(Maml + "name", compiled.TypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", DefaultValue(parameter)));
    }

    private static string DefaultValue(DocumentedParameter parameter)
    {
        var value = parameter.Entry.Blocks.Select(b => b.Get(YamlBlock.DefaultValue)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (parameter.Compiled.IsSwitch && (value is null || value == "None")) return "False";
        return value ?? "None";
    }

    private static XElement TypeEntry(string element, TypeEntry type) =>
        new(MamlNames.Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            new XElement(Maml + "description", Paragraphs(type.Description)));

    private static XElement Example(ExampleEntry example) =>
        new(MamlNames.Command + "example",
            new XElement(Maml + "title", ExampleTitle.Pad(example.Title)),
            new XElement(Dev + "code", string.Join("\n\n", example.Code)),
            // The empty last paragraph gives a blank line before the next example's title, as in PowerShell's own help.
            new XElement(Dev + "remarks", Paragraphs([.. example.Introduction, .. example.Remarks, ""])));

    private static IEnumerable<XElement> Links(CommandPage page)
    {
        if (page.File.FrontMatter.Get("online version") is { Length: > 0 } online)
        {
            yield return Link("Online Version:", online);
        }
        // PowerShell rejects a navigationLink whose uri is not absolute, so a link to a sibling page keeps its text only.
        foreach (var link in page.Links)
        {
            yield return Link(link.Text, Uri.IsWellFormedUriString(link.Uri, UriKind.Absolute) ? link.Uri : "");
        }
    }

    private static XElement Link(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    private static IEnumerable<XElement> Paragraphs(IReadOnlyList<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Lower(bool value) => value ? "true" : "false";
}
