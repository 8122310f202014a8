using KmsPowerShell.HelpCompiler.Metadata;
using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests.Metadata;

public sealed class ParameterYamlTests
{
    [Fact]
    public void For_ParameterEverySetUsesAlike_IsOneBlockForAll()
    {
        var cmdlet = WidgetModule.Cmdlet("Get-Widget");

        var yaml = Assert.Single(ParameterYaml.For(cmdlet, cmdlet.FindParameter("Color")!));

        Assert.Equal(ParameterYaml.AllSets, yaml.ParameterSetsText);
    }

    [Fact]
    public void For_ParameterSetsUseDifferently_IsOneBlockPerWay()
    {
        var cmdlet = WidgetModule.Cmdlet("Get-Widget");

        var blocks = ParameterYaml.For(cmdlet, cmdlet.FindParameter("Size")!);

        Assert.Equal([("Name", false), ("Id", true)], blocks.Select(b => (b.ParameterSetsText, b.Required)));
    }

    [Fact]
    public void ToMarkdown_WritesTheBlockAsPlatyPSDoes()
    {
        var cmdlet = WidgetModule.Cmdlet("Get-Widget");
        var yaml = Assert.Single(ParameterYaml.For(cmdlet, cmdlet.FindParameter("Name")!));

        var expected = """
            ```yaml
            Type: String[]
            Parameter Sets: Name
            Aliases: WidgetName

            Required: True
            Position: 0
            Default value: None
            Accept pipeline input: True (ByValue)
            Accept wildcard characters: True
            ```
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), string.Join("\n", yaml.ToMarkdown("None")));
    }

    [Fact]
    public void ToMarkdown_EnumParameter_ListsAcceptedValues()
    {
        var cmdlet = WidgetModule.Cmdlet("Get-Widget");

        var lines = Assert.Single(ParameterYaml.For(cmdlet, cmdlet.FindParameter("Color")!)).ToMarkdown("Red");

        Assert.Contains("Accepted values: Red, Green", lines);
        Assert.Contains("Default value: Red", lines);
    }
}
