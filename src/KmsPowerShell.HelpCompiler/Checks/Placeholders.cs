using System.Text.RegularExpressions;
using KmsPowerShell.HelpCompiler.Docs;

namespace KmsPowerShell.HelpCompiler.Checks;

/// <summary>Finds the {{ ... }} placeholders a skeleton page is written with, so none ships.</summary>
internal static partial class Placeholders
{
    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static void Check(MarkdownFile file, ProblemList problems)
    {
        for (var i = 0; i < file.Lines.Count; i++)
        {
            foreach (Match match in Pattern().Matches(file.Lines[i]))
            {
                problems.Add(file.Path, i + 1, $"placeholder text left: '{match.Value}'. Write the real help text here.");
            }
        }
    }
}
