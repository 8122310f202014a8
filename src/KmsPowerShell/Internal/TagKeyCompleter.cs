using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell;

/// <summary>Completes the tag keys of the key named with -KeyId on the line; the tooltip shows the value.</summary>
public sealed class TagKeyCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (KeyOnLine.Find(fakeBoundParameters) is not { } found) return [];
        var (session, key) = found;
        var tags = BriefCall.Run(token => new KmsTagAdmin(session).ListAsync(key, key.KeyId, token)) ?? [];
        return Completion.Matching(tags.Select(t => new CompletionCandidate(t.TagKey, t.TagKey, $"{t.TagKey} = {t.TagValue}")), wordToComplete);
    }
}
