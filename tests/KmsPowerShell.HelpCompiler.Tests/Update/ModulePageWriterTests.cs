using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Tests.TestModule;
using KmsPowerShell.HelpCompiler.Update;

namespace KmsPowerShell.HelpCompiler.Tests.Update;

public sealed class ModulePageWriterTests : IDisposable
{
    private readonly TempDocs _docs = new();
    private readonly string _name = WidgetModule.Read().Name;

    public void Dispose() => _docs.Dispose();

    [Fact]
    public void Update_CmdletMissingFromThePage_IsAddedWithItsSynopsis()
    {
        var text = _docs.Read(_name);
        _docs.Write(_name, text[..text.IndexOf("### [Remove-Widget]", StringComparison.Ordinal)]);

        var updated = Update(new Dictionary<string, string> { ["Remove-Widget"] = "Removes a widget." });

        Assert.EndsWith("### [Remove-Widget](Remove-Widget.md)\nRemoves a widget.\n", updated);
    }

    [Fact]
    public void Update_EntryForAGoneCmdlet_IsDroppedAndOthersKept()
    {
        _docs.Replace(_name, "### [Get-Widget](Get-Widget.md)\nFilled text.", "### [Get-Widget](Get-Widget.md)\nGets **widgets**.\n\n### [Get-Gadget](Get-Gadget.md)\nGone.");

        var updated = Update(new Dictionary<string, string>());

        Assert.DoesNotContain("Get-Gadget", updated);
        Assert.Contains("### [Get-Widget](Get-Widget.md)\nGets **widgets**.\n", updated);
    }

    [Fact]
    public void Update_HelpVersion_FollowsTheModuleVersion()
    {
        _docs.Replace(_name, $"Help Version: {WidgetModule.Read().Version}", "Help Version: 0.0.1");

        Assert.Contains($"Help Version: {WidgetModule.Read().Version}\n", Update(new Dictionary<string, string>()));
    }

    [Fact]
    public void Compile_ModulePageMissingACmdlet_ReportsIt()
    {
        var text = _docs.Read(_name);
        _docs.Write(_name, text[..text.IndexOf("### [Remove-Widget]", StringComparison.Ordinal)]);

        var problem = Assert.Single(_docs.Compile());

        Assert.Contains("Remove-Widget is not listed", problem.Message);
        Assert.Equal(_docs.LineOf(_name, " Cmdlets"), problem.Line);
    }

    private string Update(IReadOnlyDictionary<string, string> synopses) =>
        ModulePageWriter.Update(ModulePage.Parse(MarkdownFile.Read(_docs.PathOf(_name))), WidgetModule.Read(), synopses);
}
