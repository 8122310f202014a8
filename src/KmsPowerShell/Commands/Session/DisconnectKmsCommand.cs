using System.Management.Automation;
using KmsPowerShell.LocalKms;

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
        if (session.LocalStatePath is { } statePath) SayWhetherStateIsReleased(statePath);
    }

    private void SayWhetherStateIsReleased(string statePath)
    {
        var holders = LocalKmsRegistry.HolderCount(statePath);
        WriteVerbose(holders == 0
            ? $"The local KMS state file '{statePath}' is released: another process can use it now."
            : $"The local KMS state file '{statePath}' stays locked: {holders} other session(s) or server(s) of this process still use it.");
    }
}
