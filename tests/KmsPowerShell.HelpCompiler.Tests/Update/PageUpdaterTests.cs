using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Metadata;
using KmsPowerShell.HelpCompiler.Tests.TestModule;
using KmsPowerShell.HelpCompiler.Update;

namespace KmsPowerShell.HelpCompiler.Tests.Update;

public sealed class PageUpdaterTests : IDisposable
{
    private readonly TempDocs _docs = new();

    public void Dispose() => _docs.Dispose();

    [Fact]
    public void Update_UpToDatePage_ChangesNothing()
    {
        var page = _docs.Read("Get-Widget");

        Assert.Equal(page, Update("Get-Widget"));
    }

    [Fact]
    public void Update_ParameterTheCmdletGained_IsAddedInOrderWithAPlaceholder()
    {
        RemoveEntry("Get-Widget", "### -Force", "### -Id");
        _docs.Replace("Get-Widget", "### -Color\nFilled text.", "### -Color\nThe colour, written by hand.");

        var updated = Update("Get-Widget");

        var force = updated.IndexOf("### -Force\n{{ Fill Force Description }}", StringComparison.Ordinal);
        Assert.True(force > updated.IndexOf("### -Color", StringComparison.Ordinal) && force < updated.IndexOf("### -Id", StringComparison.Ordinal));
        Assert.Contains("### -Color\nThe colour, written by hand.", updated);
    }

    [Fact]
    public void Update_ParameterTheCmdletLost_IsDropped()
    {
        _docs.Replace("Remove-Widget", "### CommonParameters", "### -Recurse\nGone.\n\n```yaml\nType: SwitchParameter\n```\n\n### CommonParameters");

        var updated = Update("Remove-Widget");

        Assert.DoesNotContain("-Recurse", updated);
        Assert.Equal(_docs.Read("Remove-Widget").Replace("### -Recurse\nGone.\n\n```yaml\nType: SwitchParameter\n```\n\n", ""), updated);
    }

    [Fact]
    public void Update_StaleSyntaxAndYaml_AreRewrittenKeepingTheDefaultValue()
    {
        _docs.Replace("Remove-Widget", "Remove-Widget [-Name] <String>", "Remove-Widget [-Name] <Int32>");
        var text = _docs.Read("Remove-Widget");
        var name = text.IndexOf("### -Name", StringComparison.Ordinal);
        text = text[..name] + text[name..].Replace("Required: True", "Required: False").Replace("Default value: None", "Default value: widget-1");
        _docs.Write("Remove-Widget", text);

        var updated = Update("Remove-Widget");

        Assert.Contains("Remove-Widget [-Name] <String> [-WhatIf]", updated);
        var entry = updated[updated.IndexOf("### -Name", StringComparison.Ordinal)..];
        Assert.Contains("Required: True", entry);
        Assert.Contains("Default value: widget-1", entry);
    }

    [Fact]
    public void Update_MissingSection_IsAddedInItsPlace()
    {
        _docs.Replace("Get-Widget", "## NOTES\n", "");

        var updated = Update("Get-Widget");

        Assert.Contains("## OUTPUTS", updated);
        Assert.True(updated.IndexOf("## NOTES", StringComparison.Ordinal) > updated.IndexOf("## OUTPUTS", StringComparison.Ordinal));
        Assert.True(updated.IndexOf("## NOTES", StringComparison.Ordinal) < updated.IndexOf("## RELATED LINKS", StringComparison.Ordinal));
    }

    [Fact]
    public void Update_WrittenTextElsewhere_IsKeptWordForWord()
    {
        var custom = "## DESCRIPTION\nA *hand-written* description.\n\n- with a list\n- of two items\n\n```powershell\nGet-Widget -Name a\n```\n";
        _docs.Replace("Get-Widget", "## DESCRIPTION\nFilled text.\n", custom);
        _docs.Replace("Get-Widget", "Get-Widget [-Name] <String[]>", "Get-Widget [-Name] <Object>");

        Assert.Contains(custom, Update("Get-Widget"));
    }

    [Fact]
    public void Update_PageThenCompile_HasOnlyThePlaceholdersToFill()
    {
        RemoveEntry("Get-Widget", "### -Force", "### -Id");
        _docs.Write("Get-Widget", Update("Get-Widget"));

        var problem = Assert.Single(_docs.Compile());

        Assert.Contains("{{ Fill Force Description }}", problem.Message);
    }

    [Fact]
    public void Skeleton_NewPage_CompilesOnceThePlaceholdersAreFilled()
    {
        var page = PageSkeleton.Page(WidgetModule.Read(), WidgetModule.Cmdlet("Get-Widget"));
        _docs.Write("Get-Widget", page);

        var problems = _docs.Compile();

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.StartsWith("placeholder text left", p.Message));
    }

    private string Update(string name)
    {
        var page = CommandPageParser.Parse(MarkdownFile.Read(_docs.PathOf(name)), new ProblemList());
        return PageUpdater.Update(page, WidgetModule.Read(), WidgetModule.Cmdlet(name));
    }

    private void RemoveEntry(string page, string heading, string next)
    {
        var text = _docs.Read(page);
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        _docs.Write(page, text.Remove(start, text.IndexOf(next + "\n", StringComparison.Ordinal) - start));
    }
}
