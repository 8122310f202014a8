using System.Management.Automation;

namespace KmsPowerShell.Commands.Session;

/// <summary>Returns the current KMS session of this runspace, if there is one.</summary>
[Cmdlet(VerbsCommon.Get, "KmsSession")]
[OutputType(typeof(KmsSession))]
public sealed class GetKmsSessionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        var session = SessionStore.HandOut();
        if (session is null)
        {
            SayWhyNoSession();
            return;
        }
        WriteObject(session);
    }

    /// <summary>A warning when the next KMS cmdlet would fail for want of a session; a verbose note when it would build one.</summary>
    private void SayWhyNoSession()
    {
        string? autoConnectOff;
        try
        {
            autoConnectOff = AutoConnectPreference.WhyOff(SessionState);
        }
        catch (KmsConfigurationException e)
        {
            WriteWarning(e.Message);
            return;
        }
        if (SessionStore.WhyNoDefaultSession(autoConnectOff: null) is { } blocked) WriteWarning($"{blocked} {SessionStore.NoSessionRemedy}");
        else if (autoConnectOff is not null) WriteVerbose(SessionStore.WhyNoDefaultSession(autoConnectOff)!);
        else WriteVerbose("There is no current KMS session: the next KMS cmdlet builds one from the standard AWS chain. Run Connect-Kms to choose it yourself.");
    }
}
