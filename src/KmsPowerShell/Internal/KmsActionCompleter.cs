using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell;

/// <summary>Completes KMS actions as IAM names them (kms:Decrypt); a bare "Dec" completes too.</summary>
public sealed class KmsActionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Matching(KmsActions.All.Select(a => new CompletionCandidate(a, AlsoMatches: a[KmsActions.Prefix.Length..])), wordToComplete);
}
