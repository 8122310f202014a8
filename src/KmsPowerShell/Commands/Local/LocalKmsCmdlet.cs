using System.Management.Automation;
using KmsPowerShell.Engine.Local;

namespace KmsPowerShell.Commands.Local;

/// <summary>A cmdlet that sets up the local KMS of this process: the in-memory one, or the one of -LocalStatePath.</summary>
public abstract class LocalKmsCmdlet : PSCmdlet
{
    /// <summary>The local KMS of this state file; the in-memory one when omitted.</summary>
    [Parameter]
    public string? LocalStatePath { get; set; }

    /// <summary>The local KMS named; a state file it cannot use ends the command with LocalStateUnavailable.</summary>
    protected LocalKmsInstance LocalKms()
    {
        try
        {
            return LocalKmsRegistry.Get(string.IsNullOrEmpty(LocalStatePath) ? null : GetUnresolvedProviderPathFromPSPath(LocalStatePath));
        }
        catch (KmsConfigurationException e)
        {
            ThrowTerminatingError(KmsErrorMap.ToErrorRecord(e, LocalStatePath));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }
}
