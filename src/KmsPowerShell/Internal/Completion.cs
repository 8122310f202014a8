using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace KmsPowerShell;

/// <summary>
/// One value a completer offers: the text it inserts, what the menu lists and the tooltip, and another text the
/// typed word may match (an alias's name without alias/).
/// </summary>
internal sealed record CompletionCandidate(string Value, string? ListItem = null, string? ToolTip = null, string? AlsoMatches = null);

internal static class Completion
{
    public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string wordToComplete) =>
        Matching(values.Select(v => new CompletionCandidate(v)), wordToComplete);

    public static IEnumerable<CompletionResult> Matching(IEnumerable<CompletionCandidate> candidates, string wordToComplete) =>
        Results(Filter(candidates, wordToComplete));

    /// <summary>The candidates the typed word begins (case-insensitive, wildcards allowed), in order.</summary>
    public static IReadOnlyList<CompletionCandidate> Filter(IEnumerable<CompletionCandidate> candidates, string wordToComplete)
    {
        var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return candidates
            .Where(c => pattern.IsMatch(c.Value) || (c.AlsoMatches is { } other && pattern.IsMatch(other)))
            .OrderBy(c => c.Value, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The completions, quoted where the shell needs it.</summary>
    public static IEnumerable<CompletionResult> Results(IEnumerable<CompletionCandidate> candidates) =>
        candidates.Select(c => new CompletionResult(Quoted(c.Value), c.ListItem ?? c.Value, CompletionResultType.ParameterValue, c.ToolTip ?? c.Value));

    private static string Quoted(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ';' or ',' or '(' or ')' or '{' or '}' or '@' or '#')
            ? $"'{value.Replace("'", "''")}'"
            : value;
}

/// <summary>Completes values from a list that needs no KMS call.</summary>
public abstract class ListCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Matching(Values, wordToComplete);

    private protected abstract IEnumerable<string> Values { get; }
}
