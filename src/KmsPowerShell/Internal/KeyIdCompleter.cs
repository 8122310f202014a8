using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace KmsPowerShell;

/// <summary>Completes alias names and key ids of the current session's region (or the -Region typed on the line).</summary>
public sealed class KeyIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.Session(fakeBoundParameters) is not { } session) return [];
        var region = CompletionContext.Region(fakeBoundParameters, session);
        var values = KeyCompletionCache.AliasNames(session, region).Concat(KeyCompletionCache.KeyIds(session, region));
        return Completion.Matching(values, wordToComplete);
    }
}

/// <summary>Completes alias names, without the alias/ prefix that -Alias does not need.</summary>
public sealed class AliasNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.Session(fakeBoundParameters) is not { } session) return [];
        var region = CompletionContext.Region(fakeBoundParameters, session);
        var names = KeyCompletionCache.AliasNames(session, region).Select(n => n["alias/".Length..]);
        return Completion.Matching(names, wordToComplete);
    }
}

internal static class CompletionContext
{
    /// <summary>The -Session typed on the line, else the current one; never builds a session just to complete.</summary>
    public static KmsSession? Session(IDictionary bound) =>
        bound["Session"] is KmsSession { IsClosed: false } given ? given : SessionStore.Get();

    public static string Region(IDictionary bound, KmsSession session) => bound["Region"] switch
    {
        string region when region.Length > 0 => region,
        object[] { Length: > 0 } regions when regions[0] is string first => first,
        string[] { Length: > 0 } regions => regions[0],
        _ => session.Region,
    };
}
