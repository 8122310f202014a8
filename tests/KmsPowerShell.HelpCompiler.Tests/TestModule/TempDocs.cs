using System.Text.RegularExpressions;
using KmsPowerShell.HelpCompiler.Update;

namespace KmsPowerShell.HelpCompiler.Tests.TestModule;

/// <summary>A temporary docs folder with complete, valid help for the widget module, for tests to break on purpose.</summary>
internal sealed partial class TempDocs : IDisposable
{
    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Placeholder();

    public TempDocs()
    {
        Directory.CreateDirectory(Folder);
        var module = WidgetModule.Read();
        foreach (var cmdlet in module.Cmdlets) Write(cmdlet.Name, Fill(PageSkeleton.Page(module, cmdlet)));
        var synopses = module.Cmdlets.ToDictionary(c => c.Name, _ => "Filled text.");
        Write(module.Name, Fill(ModulePageWriter.Create(module, synopses)));
        Write($"about_{module.Name}", $"# Widgets\n\n## about_{module.Name}\n\n## SHORT DESCRIPTION\nWidgets.\n\n## LONG DESCRIPTION\nAll about widgets.\n");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kmsps-helpdocs-" + Guid.NewGuid().ToString("n"));

    public string Output => Path.Combine(Folder, "out");

    public string PathOf(string page) => Path.Combine(Folder, page + ".md");

    public string Read(string page) => File.ReadAllText(PathOf(page));

    public void Write(string page, string text) => File.WriteAllText(PathOf(page), text);

    /// <summary>Replaces text that must be on the page, so a test cannot pass by breaking nothing.</summary>
    public void Replace(string page, string old, string replacement)
    {
        var text = Read(page);
        Assert.Contains(old, text);
        Write(page, text.Replace(old, replacement));
    }

    /// <summary>The 1-based line of the first line of the page that contains <paramref name="text"/>.</summary>
    public int LineOf(string page, string text)
    {
        var lines = Read(page).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not on {page}.md");
        return index + 1;
    }

    public IReadOnlyList<HelpProblem> Compile()
    {
        var problems = new ProblemList();
        HelpCompilation.Run(WidgetModule.Read(), Folder, Output, problems);
        return problems.All;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Fill(string page) => Placeholder().Replace(page, "Filled text.");
}
