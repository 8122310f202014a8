using KmsPowerShell.HelpCompiler.Tests.TestModule;

namespace KmsPowerShell.HelpCompiler.Tests.Checks;

/// <summary>Parameters that the text, examples or about topic name must exist: a page cannot describe a parameter that is gone.</summary>
public sealed class ParameterMentionTests : IDisposable
{
    private const string Description = "## DESCRIPTION\nFilled text.\n";

    private readonly TempDocs _docs = new();

    public void Dispose() => _docs.Dispose();

    [Fact]
    public void Compile_DescriptionNamesAParameterNoCmdletHas_ReportsItsLine()
    {
        _docs.Replace("Get-Widget", Description, "## DESCRIPTION\nWith `-InputObject`, it reads the widget again.\n");

        var problem = Assert.Single(_docs.Compile());

        Assert.Equal(_docs.LineOf("Get-Widget", "With `-InputObject`"), problem.Line);
        Assert.Contains("-InputObject is named here", problem.Message);
    }

    [Fact]
    public void Compile_BareParametersOfAnyCmdletOrCommon_AreAccepted()
    {
        _docs.Replace("Get-Widget", Description, "## DESCRIPTION\nUse `-Size`, pipe to a cmdlet with `-WhatIf`, or add `-ErrorAction` and `-ea`.\n");

        Assert.Empty(_docs.Compile());
    }

    [Fact]
    public void Compile_CommandSpanWithAParameterItsCmdletLacks_ReportsTheCmdlet()
    {
        _docs.Replace("Get-Widget", Description, "## DESCRIPTION\nSee `Get-Widget -Name a | Remove-Widget -Colour Red`.\n");

        var problem = Assert.Single(_docs.Compile());

        Assert.Contains("-Colour is named here, but Remove-Widget has no such parameter", problem.Message);
    }

    [Fact]
    public void Compile_AboutCodeBlockWithAMisspelledParameter_ReportsIt()
    {
        var about = "about_KmsPowerShell.HelpCompiler.Tests";
        _docs.Replace(about, "All about widgets.\n", "All about widgets.\n\n    Get-Widget -Nmae small\n\n```text\nGet-Widget -NotCode\n```\n");

        var problem = Assert.Single(_docs.Compile());

        Assert.Equal(_docs.LineOf(about, "Get-Widget -Nmae"), problem.Line);
        Assert.Contains("-Nmae is named here, but Get-Widget has no such parameter", problem.Message);
    }
}
