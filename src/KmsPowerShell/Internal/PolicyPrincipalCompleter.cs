using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using KmsPowerShell.Engine.Admin;
using PolicyDocument = KmsPowerShell.LocalKms.Access.PolicyDocument;

namespace KmsPowerShell;

/// <summary>
/// Completes principal ARNs: those the policy on the line names (-Policy, -PolicyPath, or the policy of the key named
/// with -KeyId, read with one brief call), then the local KMS's principals.
/// </summary>
public sealed class PolicyPrincipalCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var named = PolicyText(fakeBoundParameters) is { } text ? Named(text) : [];
        return Completion.Matching(named.Where(p => p != "*").Concat(LocalPrincipals()).Distinct(StringComparer.Ordinal), wordToComplete);
    }

    private static IEnumerable<string> Named(string policy)
    {
        try
        {
            return PolicyDocument.Parse(policy).NamedPrincipals;
        }
        catch (Exception e) when (e is LocalKms.Access.PolicyDocumentException or ArgumentException)
        {
            return [];
        }
    }

    private static string? PolicyText(IDictionary bound)
    {
        if (bound["Policy"] is string text) return text;
        if (bound["PolicyPath"] is string path)
        {
            try
            {
                var file = Runspace.DefaultRunspace?.SessionStateProxy.Path.GetUnresolvedProviderPathFromPSPath(path) ?? path;
                return File.Exists(file) ? File.ReadAllText(file) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                return null;
            }
        }
        if (CompletionContext.Session(bound) is not { } session || CompletionContext.KeyId(bound) is not { } keyText) return null;
        if (KeyCompletionCache.KeyIdOrArn(session, CompletionContext.Region(bound, session), keyText) is not { } key) return null;
        return BriefCall.Run(token => new KmsPolicyAdmin(session).GetAsync(key, "default", token));
    }

    /// <summary>The principals of the current session's local KMS (none when the session is on AWS).</summary>
    private static IEnumerable<string> LocalPrincipals() => LocalPrincipalFacts.Known(SessionStore.Get()).Select(p => p.PrincipalArn);
}
