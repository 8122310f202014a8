using System.Xml.Linq;
using KmsPowerShell.HelpCompiler.Output;
using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests.Output;

public sealed class MamlWriterTests : IDisposable
{
    private static readonly XNamespace Command = MamlNames.Command;
    private static readonly XNamespace Maml = MamlNames.Maml;
    private static readonly XNamespace Dev = MamlNames.Dev;
    private readonly TempDocs _docs = new();

    public void Dispose() => _docs.Dispose();

    [Fact]
    public void Compile_WritesHelpItemsWithOneCommandPerCmdlet()
    {
        var help = Compile();

        Assert.Equal("maml", help.Root!.Attribute("schema")!.Value);
        Assert.Equal(MamlNames.Msh + "helpItems", help.Root.Name);
        Assert.Equal(["Get-Widget", "Remove-Widget"], help.Root.Elements(Command + "command").Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value));
    }

    [Fact]
    public void Compile_Details_SplitVerbAndNounAndCarryTheSynopsis()
    {
        var details = CommandOf("Get-Widget").Element(Command + "details")!;

        Assert.Equal("Get", details.Element(Command + "verb")!.Value);
        Assert.Equal("Widget", details.Element(Command + "noun")!.Value);
        Assert.Equal("Filled text.", details.Element(Maml + "description")!.Element(Maml + "para")!.Value);
    }

    [Fact]
    public void Compile_Syntax_HasOneItemPerSetWithTheSetsParameters()
    {
        var items = CommandOf("Get-Widget").Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToArray();

        Assert.Equal(2, items.Length);
        Assert.Equal(["Name", "Color", "Size", "Force"], items[0].Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value));
        var size = items[1].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Size");
        Assert.Equal("true", size.Attribute("required")!.Value);
        Assert.Equal(["Small", "Large"], size.Element(Command + "parameterValueGroup")!.Elements().Select(e => e.Value));
    }

    [Fact]
    public void Compile_Parameters_CarryTheCompiledAttributes()
    {
        var name = Parameter("Get-Widget", "Name");

        Assert.Equal("true", name.Attribute("required")!.Value);
        Assert.Equal("true", name.Attribute("globbing")!.Value);
        Assert.Equal("True (ByValue)", name.Attribute("pipelineInput")!.Value);
        Assert.Equal("0", name.Attribute("position")!.Value);
        Assert.Equal("WidgetName", name.Attribute("aliases")!.Value);
        Assert.Equal("String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("named", Parameter("Get-Widget", "Force").Attribute("position")!.Value);
        Assert.Equal("False", Parameter("Get-Widget", "Force").Element(Dev + "defaultValue")!.Value);
        Assert.Equal("cf", Parameter("Remove-Widget", "Confirm").Attribute("aliases")!.Value);
    }

    [Fact]
    public void Compile_SwitchInSyntax_HasNoValueElement()
    {
        var force = CommandOf("Get-Widget").Element(Command + "syntax")!.Descendants(Command + "parameter").First(p => p.Element(Maml + "name")!.Value == "Force");

        Assert.Null(force.Element(Command + "parameterValue"));
    }

    [Fact]
    public void Compile_TypesNotesExamplesAndLinks_AreWritten()
    {
        _docs.Replace("Get-Widget", "## RELATED LINKS\n", "## RELATED LINKS\n\n[Online docs](https://example.com/widgets)\n\n[Remove-Widget](Remove-Widget.md)\n");
        var command = CommandOf("Get-Widget");

        Assert.Equal(["System.String[]", "System.Int32"], command.Element(Command + "inputTypes")!.Elements().Select(t => t.Element(Dev + "type")!.Element(Maml + "name")!.Value));
        Assert.Equal("KmsPowerShell.HelpCompiler.Tests.TestModule.Widget", command.Element(Command + "returnValues")!.Element(Command + "returnValue")!.Element(Dev + "type")!.Value);
        Assert.NotNull(command.Element(Maml + "alertSet")!.Element(Maml + "alert"));
        var example = command.Element(Command + "examples")!.Element(Command + "example")!;
        Assert.Equal($"{new string('-', 26)} Example 1 {new string('-', 26)}", example.Element(Maml + "title")!.Value);
        Assert.Equal("PS C:\\> Filled text.", example.Element(Dev + "code")!.Value);
        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value));
        Assert.Equal([("Online docs", "https://example.com/widgets"), ("Remove-Widget", "")], links);
    }

    private XDocument Compile()
    {
        Assert.Empty(_docs.Compile());
        return XDocument.Load(Path.Combine(_docs.Output, WidgetModule.Read().HelpFileName));
    }

    private XElement CommandOf(string name) =>
        Compile().Root!.Elements(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == name);

    private XElement Parameter(string cmdlet, string name) =>
        CommandOf(cmdlet).Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);
}
