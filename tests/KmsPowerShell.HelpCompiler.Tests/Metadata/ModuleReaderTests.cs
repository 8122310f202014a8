using System.Management.Automation;
using System.Management.Automation.Runspaces;
using KmsPowerShell.HelpCompiler.Metadata;
using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests.Metadata;

public sealed class ModuleReaderTests
{
    [Fact]
    public void Read_BinaryModule_ListsItsCmdletsAndHelpFileName()
    {
        var module = WidgetModule.Read();

        Assert.Equal(["Get-Widget", "Remove-Widget"], module.Cmdlets.Select(c => c.Name));
        Assert.Equal("KmsPowerShell.HelpCompiler.Tests.dll-Help.xml", module.HelpFileName);
    }

    [Fact]
    public void Read_ParameterSets_AreNamedWithTheDefaultMarked()
    {
        var sets = WidgetModule.Cmdlet("Get-Widget").ParameterSets;

        Assert.Equal(["Name", "Id"], sets.Select(s => s.Name));
        Assert.Equal([true, false], sets.Select(s => s.IsDefault));
        Assert.Equal([CompiledParameterSet.AllSets], WidgetModule.Cmdlet("Remove-Widget").ParameterSets.Select(s => s.Name));
    }

    [Fact]
    public void Read_SetParameters_ComeInTheOrderGetCommandShows()
    {
        foreach (var cmdlet in WidgetModule.Read().Cmdlets)
        {
            var shown = SyntaxOrder(cmdlet.Name);
            foreach (var set in cmdlet.ParameterSets) Assert.Equal(shown[set.Name], set.ParameterNames);
        }
    }

    [Fact]
    public void Read_CommonParameters_AreLeftOutAndShouldProcessOnesKept()
    {
        var names = WidgetModule.Cmdlet("Remove-Widget").Parameters.Select(p => p.Name).ToArray();

        Assert.Equal(["Name", "WhatIf", "Confirm"], names);
        Assert.DoesNotContain("Verbose", WidgetModule.Cmdlet("Get-Widget").Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Read_Parameter_CarriesTypeAliasesWildcardsAndPipelineFlags()
    {
        var name = WidgetModule.Cmdlet("Get-Widget").FindParameter("Name")!;

        Assert.Equal("String[]", name.TypeName);
        Assert.Equal("System.String[]", name.FullTypeName);
        Assert.Equal(["WidgetName"], name.Aliases);
        Assert.True(name.SupportsWildcards);
        Assert.Equal(new ParameterUsage("Name", Required: true, Position: 0, ByValue: true, ByPropertyName: false), Assert.Single(name.Usages));
    }

    [Fact]
    public void Read_EnumAndValidateSet_BecomeAcceptedValues()
    {
        var cmdlet = WidgetModule.Cmdlet("Get-Widget");

        Assert.Equal(["Red", "Green"], cmdlet.FindParameter("Color")!.AcceptedValues);
        Assert.Equal(["Small", "Large"], cmdlet.FindParameter("Size")!.AcceptedValues);
        Assert.True(cmdlet.FindParameter("Force")!.IsSwitch);
        Assert.Equal("SwitchParameter", cmdlet.FindParameter("Force")!.TypeName);
    }

    [Fact]
    public void Read_ParameterUsedDifferentlyBySets_HasOneUsagePerSet()
    {
        var size = WidgetModule.Cmdlet("Get-Widget").FindParameter("Size")!;

        Assert.Equal([("Name", false), ("Id", true)], size.Usages.Select(u => (u.SetName, u.Required)));
    }

    [Fact]
    public void Read_OutputTypes_LeaveVoidOut()
    {
        Assert.Equal(["KmsPowerShell.HelpCompiler.Tests.TestModule.Widget"], WidgetModule.Cmdlet("Get-Widget").OutputTypes);
        Assert.Empty(WidgetModule.Cmdlet("Remove-Widget").OutputTypes);
        Assert.Equal(["System.String[]", "System.Int32"], WidgetModule.Cmdlet("Get-Widget").InputTypes);
    }

    [Fact]
    public void Read_MissingModule_SaysToBuildFirst()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ModuleReader.Read("no/such/Module.psd1"));

        Assert.Contains("build it first", error.Message);
    }

    /// <summary>The parameter order of each set in Get-Command -Syntax, read from PowerShell's own rendering.</summary>
    private static Dictionary<string, string[]> SyntaxOrder(string cmdletName)
    {
        using var shell = PowerShell.Create(InitialSessionState.CreateDefault2());
        shell.AddCommand("Import-Module").AddParameter("Name", typeof(WidgetModule).Assembly.Location).Invoke();
        shell.Commands.Clear();
        var cmdlet = shell.AddCommand("Get-Command").AddParameter("Name", cmdletName).Invoke<CmdletInfo>().Single();
        return cmdlet.ParameterSets.ToDictionary(s => s.Name, s => s.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.TrimStart('['))
            .Where(token => token.StartsWith('-'))
            .Select(token => token.TrimStart('-').TrimEnd(']'))
            .ToArray());
    }
}
