using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell;

/// <summary>Completes the operations a grant can allow.</summary>
public sealed class GrantOperationCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Matching(GrantOperations.All, wordToComplete);
}
