using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace KmsPowerShell;

/// <summary>
/// Completes alias names (alias/...) and key ids of the current session's region (or the -Region typed on the line).
/// A word without alias/ also matches alias names, and completes to the alias/ form -KeyId needs. Key ids are listed
/// with their aliases; tooltips add the key's description.
/// </summary>
public sealed class KeyIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.Session(fakeBoundParameters) is not { } session) return [];
        var region = CompletionContext.Region(fakeBoundParameters, session);
        return KeyTips.Complete(session, region, wordToComplete, aliases =>
        {
            var aliasNames = aliases.ToLookup(a => a.TargetKeyId!, a => a.AliasName, StringComparer.Ordinal);
            var keys = KeyCompletionCache.KeyIds(session, region).Select(id =>
                new CompletionCandidate(id, aliasNames[id].Any() ? $"{id} ({string.Join(", ", aliasNames[id])})" : id));
            return AliasNameCompleter.Candidates(aliases).Concat(keys);
        });
    }
}

/// <summary>
/// Completes alias names in the alias/ form, which every parameter that names an alias takes (so does -KeyId);
/// the typed word may leave out alias/. The tooltip names the key and its description.
/// </summary>
public sealed class AliasNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.Session(fakeBoundParameters) is not { } session) return [];
        var region = CompletionContext.Region(fakeBoundParameters, session);
        return KeyTips.Complete(session, region, wordToComplete, Candidates);
    }

    internal static IEnumerable<CompletionCandidate> Candidates(IEnumerable<KmsAlias> aliases) =>
        aliases.Select(a => new CompletionCandidate(a.AliasName, a.AliasName, $"{a.AliasName} -> {a.TargetKeyId}", AliasPatterns.WithoutPrefix(a.AliasName)));
}

/// <summary>Completes keys and aliases from the listing, and adds each key's description to the tooltips.</summary>
internal static class KeyTips
{
    public static IEnumerable<CompletionResult> Complete(KmsSession session, string region, string wordToComplete,
        Func<IReadOnlyList<KmsAlias>, IEnumerable<CompletionCandidate>> candidates)
    {
        var matching = Completion.Filter(candidates(KeyCompletionCache.Aliases(session, region)), wordToComplete);
        if (matching.Count == 0)
        {
            KeyCompletionCache.Refresh(session, region);
            matching = Completion.Filter(candidates(KeyCompletionCache.Aliases(session, region)), wordToComplete);
        }
        return Completion.Results(Described(session, region, matching, KeyCompletionCache.Aliases(session, region)));
    }

    private static IEnumerable<CompletionCandidate> Described(KmsSession session, string region, IReadOnlyList<CompletionCandidate> matching,
        IReadOnlyList<KmsAlias> aliases)
    {
        var targets = aliases.ToDictionary(a => a.AliasName, a => a.TargetKeyId!, StringComparer.Ordinal);
        string KeyOf(CompletionCandidate c) => targets.GetValueOrDefault(c.Value) ?? c.Value;
        var descriptions = KeyCompletionCache.Descriptions(session, region, matching.Select(KeyOf).Distinct());
        return matching.Select(c => descriptions.GetValueOrDefault(KeyOf(c)) is { Length: > 0 } description
            ? c with { ToolTip = $"{c.ToolTip ?? c.ListItem ?? c.Value}: {description}" }
            : c);
    }
}
