using System.Management.Automation;

namespace KmsPowerShell.Commands.Session;

/// <summary>Closes a KMS session (the current one by default) and disposes its clients.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Kms", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class DisconnectKmsCommand : PSCmdlet
{
    /// <summary>The session to close; the current one when omitted.</summary>
    [Parameter(ValueFromPipeline = true)]
    public KmsSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        var current = SessionStore.Get();
        var session = Session ?? current;
        if (session is null)
        {
            WriteVerbose("There is no current KMS session to close.");
            return;
        }
        if (!ShouldProcess($"{session.Region} ({session.CredentialSource})", "Close the KMS session")) return;
        if (ReferenceEquals(session, current)) SessionStore.Set(null);
        session.Dispose();
    }
}
