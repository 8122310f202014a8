using KmsPowerShell.HelpCompiler.Metadata;
using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests.Metadata;

public sealed class SyntaxLinesTests
{
    [Fact]
    public void For_Set_WritesThePlatyPSSyntaxLine()
    {
        var cmdlet = WidgetModule.Cmdlet("Get-Widget");

        Assert.Equal("Get-Widget [-Name] <String[]> [-Color <WidgetColor>] [-Size <String>] [-Force] [<CommonParameters>]", SyntaxLines.For(cmdlet, cmdlet.ParameterSets[0]));
        Assert.Equal("Get-Widget -Id <Int32> -Size <String> [-Color <WidgetColor>] [-Force] [<CommonParameters>]", SyntaxLines.For(cmdlet, cmdlet.ParameterSets[1]));
    }

    [Fact]
    public void For_ShouldProcessCmdlet_EndsWithWhatIfConfirmAndCommonParameters()
    {
        var cmdlet = WidgetModule.Cmdlet("Remove-Widget");

        Assert.Equal("Remove-Widget [-Name] <String> [-WhatIf] [-Confirm] [<CommonParameters>]", SyntaxLines.For(cmdlet, cmdlet.ParameterSets[0]));
    }

    [Fact]
    public void For_LongSyntax_WrapsAt110ColumnsWithALeadingSpace()
    {
        var names = Enumerable.Range(1, 12).Select(i => $"LongParameterName{i}").ToArray();
        var parameters = names.Select(n => new CompiledParameter(n, "String", "System.String", false, [], [], false, [new ParameterUsage("S", false, null, false, false)])).ToArray();
        var cmdlet = new CompiledCmdlet("Get-Long", [new CompiledParameterSet("S", true, names)], parameters, []);

        var lines = SyntaxLines.For(cmdlet, cmdlet.ParameterSets[0]).Split('\n');

        Assert.True(lines.Length > 1);
        Assert.All(lines, line => Assert.True(line.Length <= 111, line));
        Assert.All(lines.Skip(1), line => Assert.StartsWith(" [", line));
    }

    [Fact]
    public void Heading_MarksTheDefaultSetAndIsAbsentForASingleSet()
    {
        var get = WidgetModule.Cmdlet("Get-Widget");
        var remove = WidgetModule.Cmdlet("Remove-Widget");

        Assert.Equal("Name (Default)", SyntaxLines.Heading(get, get.ParameterSets[0]));
        Assert.Equal("Id", SyntaxLines.Heading(get, get.ParameterSets[1]));
        Assert.Null(SyntaxLines.Heading(remove, remove.ParameterSets[0]));
    }
}
