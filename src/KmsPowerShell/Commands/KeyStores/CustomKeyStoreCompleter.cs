using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>Completes custom key store ids (-CustomKeyStoreId) or names (-Name) of the region on the line, from one brief call.</summary>
public sealed class CustomKeyStoreCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (CompletionContext.Session(fakeBoundParameters) is not { } session) return [];
        var region = CompletionContext.Region(fakeBoundParameters, session);
        var stores = BriefCall.Run(token => new KmsCustomKeyStoreAdmin(session).ListAsync(region, null, null, token)) ?? [];
        var byId = parameterName == "CustomKeyStoreId";
        return Completion.Matching(stores.Select(s => byId
            ? new CompletionCandidate(s.CustomKeyStoreId, $"{s.CustomKeyStoreId} ({s.CustomKeyStoreName})", $"{s.CustomKeyStoreType} {s.ConnectionState}")
            : new CompletionCandidate(s.CustomKeyStoreName, s.CustomKeyStoreName, $"{s.CustomKeyStoreId} {s.CustomKeyStoreType} {s.ConnectionState}")), wordToComplete);
    }
}
