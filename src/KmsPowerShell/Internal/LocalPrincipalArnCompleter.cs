using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using KmsPowerShell.Commands.Local;

namespace KmsPowerShell;

/// <summary>Completes the ARNs of the principals of the local KMS the command would act on; the tooltip shows the access key.</summary>
public sealed class LocalPrincipalArnCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var statePath = fakeBoundParameters["LocalStatePath"] as string;
        try
        {
            var (instance, _) = LocalKmsCmdlet.Find(string.IsNullOrEmpty(statePath) ? null : Path.GetFullPath(statePath));
            if (instance is null) return [];
            var candidates = instance.Service.Principals.Select(p => new CompletionCandidate(p.PrincipalArn, ToolTip: $"{p.PrincipalArn} (access key {p.AccessKeyId})"));
            return Completion.Matching(candidates, wordToComplete);
        }
        catch (Exception e) when (e is KmsException or ArgumentException or IOException)
        {
            return [];
        }
    }
}
