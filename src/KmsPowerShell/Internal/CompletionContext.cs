using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell;

/// <summary>What the command line being completed says: the session, the region and the key it names.</summary>
internal static class CompletionContext
{
    /// <summary>The -Session typed on the line, else the current one; never builds a session just to complete.</summary>
    public static KmsSession? Session(IDictionary bound) =>
        bound["Session"] is KmsSession { IsClosed: false } given ? given : SessionStore.Get();

    public static string Region(IDictionary bound, KmsSession session) => First(bound["Region"]) switch
    {
        string region when region.Length > 0 => region,
        _ => session.Region,
    };

    /// <summary>The first key named with -KeyId on the line (text, or a KmsKey in a variable), else null.</summary>
    public static string? KeyId(IDictionary bound) => First(bound["KeyId"]) switch
    {
        string text when text.Length > 0 => text,
        KmsKey key => key.Arn,
        KmsKeyReference reference => reference.Value,
        _ => null,
    };

    private static object? First(object? value) => value switch
    {
        PSObject wrapped => First(wrapped.BaseObject),
        string or KmsKey or KmsKeyReference => value,
        IEnumerable many => many.Cast<object?>().Select(First).FirstOrDefault(),
        _ => value,
    };
}

/// <summary>
/// Completes what belongs to the key named with -KeyId on the line (its grants, its tags), from one listing call
/// that never waits long; an alias on the line is resolved through the completion listing.
/// </summary>
public abstract class KeyOnLineCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.Session(fakeBoundParameters) is not { } session || CompletionContext.KeyId(fakeBoundParameters) is not { } text) return [];
        var region = CompletionContext.Region(fakeBoundParameters, session);
        if (KeyCompletionCache.KeyIdOrArn(session, region, text) is not { } key) return [];
        return Completion.Matching(BriefCall.Run(token => ListAsync(session, key, token)) ?? [], wordToComplete);
    }

    private protected abstract Task<IReadOnlyList<CompletionCandidate>> ListAsync(KmsSession session, KeyRequest key, CancellationToken cancellationToken);
}
