using System.Management.Automation;

namespace KmsPowerShell.Commands.Session;

/// <summary>Returns the current KMS session of this runspace, if there is one.</summary>
[Cmdlet(VerbsCommon.Get, "KmsSession")]
[OutputType(typeof(KmsSession))]
public sealed class GetKmsSessionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var session = SessionStore.Get();
        if (session is null)
        {
            WriteVerbose("There is no current KMS session. Run Connect-Kms, or any KMS cmdlet to build one from the standard AWS chain.");
            return;
        }
        WriteObject(session);
    }
}
