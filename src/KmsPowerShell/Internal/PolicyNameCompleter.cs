using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace KmsPowerShell;

/// <summary>Completes key policy names: KMS keys have one, named default.</summary>
public sealed class PolicyNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Matching(["default"], wordToComplete);
}
