using Markdig;
using Markdig.Syntax;

namespace KmsPowerShell.HelpCompiler.Docs;

/// <summary>A markdown file read and parsed once: its text, its lines and Markdig's block tree.</summary>
internal sealed class MarkdownFile
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private MarkdownFile(string path, string text)
    {
        Path = path;
        Text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        Lines = Text.Split('\n');
        Document = Markdown.Parse(Text, Pipeline);
        FrontMatter = FrontMatter.Parse(Lines);
    }

    /// <summary>The path as problems report it: relative to the working folder when under it.</summary>
    public string Path { get; }

    public string Text { get; }

    public IReadOnlyList<string> Lines { get; }

    public MarkdownDocument Document { get; }

    public FrontMatter FrontMatter { get; }

    public static MarkdownFile Read(string path) => new(DisplayPath(path), File.ReadAllText(path));

    public static MarkdownFile FromText(string path, string text) => new(path, text);

    public static string DisplayPath(string path)
    {
        var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
