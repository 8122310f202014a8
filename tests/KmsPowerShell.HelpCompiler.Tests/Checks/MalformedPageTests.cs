using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests.Checks;

/// <summary>Every kind of broken page fails the compile with the file, the line to fix and what is wrong.</summary>
public sealed class MalformedPageTests : IDisposable
{
    private readonly TempDocs _docs = new();

    public void Dispose() => _docs.Dispose();

    [Fact]
    public void Compile_ValidDocs_HasNoProblemsAndWritesHelp()
    {
        Assert.Empty(_docs.Compile());
        Assert.True(File.Exists(Path.Combine(_docs.Output, "KmsPowerShell.HelpCompiler.Tests.dll-Help.xml")));
        Assert.True(File.Exists(Path.Combine(_docs.Output, "about_KmsPowerShell.HelpCompiler.Tests.help.txt")));
    }

    [Fact]
    public void Compile_MissingSection_ReportsTheFileAndTheCmdletHeading()
    {
        _docs.Replace("Get-Widget", "## DESCRIPTION\nFilled text.\n", "");

        var problem = Assert.Single(_docs.Compile());

        Assert.EndsWith("Get-Widget.md", problem.Path);
        Assert.Equal(_docs.LineOf("Get-Widget", "# Get-Widget"), problem.Line);
        Assert.Contains("no '## DESCRIPTION' section", problem.Message);
    }

    [Fact]
    public void Compile_UnknownParameter_ReportsItsHeading()
    {
        _docs.Replace("Get-Widget", "### -Force\n", "### -Forse\n");

        var problems = _docs.Compile();

        var unknown = Assert.Single(problems, p => p.Message.StartsWith("unknown parameter -Forse"));
        Assert.Equal(_docs.LineOf("Get-Widget", "### -Forse"), unknown.Line);
        Assert.Contains("Get-Widget has no such parameter", unknown.Message);
        Assert.Contains(problems, p => p.Message.Contains("the parameter -Force of Get-Widget is not documented"));
    }

    [Fact]
    public void Compile_UndocumentedParameter_ReportsTheParametersSection()
    {
        var text = _docs.Read("Remove-Widget");
        var start = text.IndexOf("### -WhatIf", StringComparison.Ordinal);
        _docs.Write("Remove-Widget", text.Remove(start, text.IndexOf("### CommonParameters", StringComparison.Ordinal) - start));

        var problem = Assert.Single(_docs.Compile());

        Assert.EndsWith("Remove-Widget.md", problem.Path);
        Assert.Equal(_docs.LineOf("Remove-Widget", "## PARAMETERS"), problem.Line);
        Assert.Contains("-WhatIf of Remove-Widget is not documented", problem.Message);
    }

    [Fact]
    public void Compile_YamlLineWithoutColon_ReportsBrokenYamlAtThatLine()
    {
        _docs.Replace("Get-Widget", "Type: SwitchParameter\n", "Type SwitchParameter\n");

        var problems = _docs.Compile();

        var broken = Assert.Single(problems, p => p.Message.Contains("'Type SwitchParameter' is not a 'Key: value' line"));
        Assert.Equal(_docs.LineOf("Get-Widget", "Type SwitchParameter"), broken.Line);
        Assert.StartsWith("broken yaml", broken.Message);
    }

    [Fact]
    public void Compile_UnknownYamlKey_ReportsIt()
    {
        _docs.Replace("Remove-Widget", "Required: True\n", "Requird: True\n");

        var problems = _docs.Compile();

        Assert.Contains(problems, p => p.Line == _docs.LineOf("Remove-Widget", "Requird") && p.Message.Contains("unknown key 'Requird'"));
        Assert.Contains(problems, p => p.Message.Contains("the block has no 'Required:' line"));
    }

    [Fact]
    public void Compile_UnclosedFence_ReportsTheLinesSwallowedAsYaml()
    {
        var text = _docs.Read("Remove-Widget");
        var fence = text.IndexOf("Accept wildcard characters: False\n```", StringComparison.Ordinal);
        _docs.Write("Remove-Widget", text.Remove(fence + "Accept wildcard characters: False\n".Length, 3));

        var problems = _docs.Compile();

        var unclosed = Assert.Single(problems, p => p.Message.Contains("is not closed before '### -Confirm'"));
        Assert.Equal(_docs.LineOf("Remove-Widget", "### -Confirm"), unclosed.Line);
    }

    [Fact]
    public void Compile_YamlThatDisagreesWithTheCmdlet_ReportsTheKeyAndTheTruth()
    {
        var text = _docs.Read("Remove-Widget");
        var name = text.IndexOf("### -Name", StringComparison.Ordinal);
        var required = text.IndexOf("Required: True", name, StringComparison.Ordinal);
        _docs.Write("Remove-Widget", text.Remove(required, "Required: True".Length).Insert(required, "Required: False"));

        var problem = Assert.Single(_docs.Compile());

        Assert.Contains("-Name: 'Required' is 'False' but the compiled cmdlet says 'True'", problem.Message);
        Assert.Equal(_docs.LineOf("Remove-Widget", "Required: False"), problem.Line);
    }

    [Fact]
    public void Compile_PlaceholderLeft_ReportsItsLine()
    {
        _docs.Replace("Get-Widget", "## NOTES\n", "## NOTES\n{{ Fill in the Notes }}\n");

        var problem = Assert.Single(_docs.Compile());

        Assert.Equal(_docs.LineOf("Get-Widget", "{{ Fill in the Notes }}"), problem.Line);
        Assert.Contains("placeholder text left", problem.Message);
    }

    [Fact]
    public void Compile_StaleSyntax_AsksForUpdateHelp()
    {
        _docs.Replace("Remove-Widget", "Remove-Widget [-Name] <String>", "Remove-Widget [-Name] <Int32>");

        var problem = Assert.Single(_docs.Compile());

        Assert.Contains("is out of date", problem.Message);
        Assert.Contains("UpdateHelp", problem.Message);
        Assert.Equal(_docs.LineOf("Remove-Widget", "Remove-Widget [-Name] <Int32>") - 1, problem.Line);
    }

    [Fact]
    public void Compile_UnknownSection_ReportsItsHeading()
    {
        _docs.Replace("Get-Widget", "## NOTES\n", "## NOTEZ\n");

        var problems = _docs.Compile();

        Assert.Contains(problems, p => p.Line == _docs.LineOf("Get-Widget", "## NOTEZ") && p.Message.StartsWith("unknown section '## NOTEZ'"));
    }

    [Fact]
    public void Compile_CmdletWithoutPage_NamesThePageToWrite()
    {
        File.Delete(_docs.PathOf("Remove-Widget"));

        var problem = Assert.Single(_docs.Compile());

        Assert.EndsWith("Remove-Widget.md", problem.Path);
        Assert.Contains("Remove-Widget has no help page", problem.Message);
    }

    [Fact]
    public void Compile_PageForNoCmdlet_ReportsIt()
    {
        _docs.Write("Get-Gadget", _docs.Read("Remove-Widget"));

        var problem = Assert.Single(_docs.Compile());

        Assert.EndsWith("Get-Gadget.md", problem.Path);
        Assert.Contains("exports no such cmdlet", problem.Message);
    }

    [Fact]
    public void Compile_WithProblems_WritesNothing()
    {
        _docs.Replace("Get-Widget", "### -Force\n", "### -Forse\n");

        _docs.Compile();

        Assert.False(Directory.Exists(_docs.Output));
    }

    [Fact]
    public void Problem_ToString_IsFileColonLineColonMessage()
    {
        Assert.Equal("docs/en-US/Get-Widget.md:12: unknown parameter -Forse", new HelpProblem("docs/en-US/Get-Widget.md", 12, "unknown parameter -Forse").ToString());
    }
}
