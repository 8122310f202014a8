namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>A cmdlet's help page in the PlatyPS 2.0.0 schema, as written.</summary>
internal sealed class CommandPage
{
    public const string Synopsis = "SYNOPSIS";
    public const string Syntax = "SYNTAX";
    public const string Description = "DESCRIPTION";
    public const string Examples = "EXAMPLES";
    public const string Parameters = "PARAMETERS";
    public const string Inputs = "INPUTS";
    public const string Outputs = "OUTPUTS";
    public const string Notes = "NOTES";
    public const string RelatedLinks = "RELATED LINKS";

    /// <summary>Every section, in the order PlatyPS writes them.</summary>
    public static readonly IReadOnlyList<string> SectionOrder = [Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks];

    public required MarkdownFile File { get; init; }

    public string Path => File.Path;

    /// <summary>The # heading: the cmdlet name; empty when the page has none.</summary>
    public required string Name { get; init; }

    public required int NameLine { get; init; }

    public required IReadOnlyList<SectionHeading> Sections { get; init; }

    public required IReadOnlyList<string> SynopsisText { get; init; }

    public required IReadOnlyList<SyntaxEntry> SyntaxEntries { get; init; }

    public required IReadOnlyList<string> DescriptionText { get; init; }

    public required IReadOnlyList<ExampleEntry> ExampleEntries { get; init; }

    public required IReadOnlyList<ParameterEntry> ParameterEntries { get; init; }

    public required bool HasCommonParameters { get; init; }

    public required IReadOnlyList<TypeEntry> InputEntries { get; init; }

    public required IReadOnlyList<TypeEntry> OutputEntries { get; init; }

    public required IReadOnlyList<string> NotesText { get; init; }

    public required IReadOnlyList<LinkEntry> Links { get; init; }

    public SectionHeading? FindSection(string name) => Sections.FirstOrDefault(s => s.Name == name);

    public ParameterEntry? FindParameter(string name) =>
        ParameterEntries.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
