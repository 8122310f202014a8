using KmsPowerShell.HelpCompiler.Docs;
using KmsPowerShell.HelpCompiler.Output;

namespace KmsPowerShell.HelpCompiler.Tests.Output;

public sealed class AboutTextWriterTests
{
    private const string About = """
        # Widgets

        ## about_Widgets

        ## SHORT DESCRIPTION
        Widgets in short.

        ## LONG DESCRIPTION
        A paragraph that is long enough to need wrapping, because it goes on and on about widgets and `their` **many** uses.

        ### Making widgets
        - First item
        - Second item that is also long enough to wrap onto a second line of the about topic text.

        For example:

            New-Widget -Name a

        ## SEE ALSO
        [Widget docs](https://example.com/widgets)
        """;

    private readonly string[] _lines = AboutTextWriter.Render(MarkdownFile.FromText("about_Widgets.md", About)).Split('\n');

    [Fact]
    public void Render_StartsWithTopicAndTheLowercaseLookupName()
    {
        Assert.Equal(["TOPIC", "    about_widgets", "", "SHORT DESCRIPTION", "    Widgets in short."], _lines[..5]);
    }

    [Fact]
    public void Render_WrapsTextAt80ColumnsIndentedByFour()
    {
        Assert.All(_lines, line => Assert.True(line.Length <= 80, line));
        Assert.Contains("    A paragraph that is long enough to need wrapping, because it goes on and on", _lines);
        Assert.Contains("    about widgets and their many uses.", _lines);
    }

    [Fact]
    public void Render_SubheadingsListsAndCode_AreLaidOutForTheConsole()
    {
        Assert.Contains("    MAKING WIDGETS", _lines);
        Assert.Contains("    - First item", _lines);
        Assert.Contains("    - Second item that is also long enough to wrap onto a second line of the", _lines);
        Assert.Contains("      about topic text.", _lines);
        Assert.Contains("        New-Widget -Name a", _lines);
        Assert.Contains("    Widget docs (https://example.com/widgets)", _lines);
    }
}
