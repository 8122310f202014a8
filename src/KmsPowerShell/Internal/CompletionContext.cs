using System.Collections;
using System.Management.Automation;
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

/// <summary>The key that -KeyId names on the line being completed, as calls that take no alias need it.</summary>
internal static class KeyOnLine
{
    public static (KmsSession Session, KeyRequest Key)? Find(IDictionary bound)
    {
        if (CompletionContext.Session(bound) is not { } session || CompletionContext.KeyId(bound) is not { } text) return null;
        var region = CompletionContext.Region(bound, session);
        return KeyCompletionCache.KeyIdOrArn(session, region, text) is { } key ? (session, key) : null;
    }
}
