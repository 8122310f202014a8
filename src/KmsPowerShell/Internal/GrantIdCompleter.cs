using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell;

/// <summary>Completes the grant ids of the key named with -KeyId on the line; the tooltip names the grantee and the operations.</summary>
public sealed class GrantIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (KeyOnLine.Find(fakeBoundParameters) is not { } found) return [];
        var (session, key) = found;
        var grants = BriefCall.Run(token => new KmsGrantAdmin(session).ListAsync(key, null, null, token)) ?? [];
        return Completion.Matching(grants.Select(g => new CompletionCandidate(g.GrantId, g.Name is { Length: > 0 } name ? $"{g.GrantId} ({name})" : g.GrantId,
            $"{g.GranteePrincipal}: {string.Join(", ", g.Operations)}")), wordToComplete);
    }
}
