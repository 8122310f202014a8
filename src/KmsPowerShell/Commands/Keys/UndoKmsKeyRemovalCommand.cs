using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Cancels the scheduled deletion of keys. KMS leaves a rescued key disabled.</summary>
[Cmdlet(VerbsCommon.Undo, "KmsKeyRemoval", SupportsShouldProcess = true)]
[OutputType(typeof(KmsKey))]
public sealed class UndoKmsKeyRemovalCommand : KmsKeyChangeCmdlet
{
    protected override string Action(KmsKey key) => "Cancel the scheduled deletion";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsKeyAdmin(ActiveSession).CancelDeletionAsync(key, cancellationToken);

    protected override void AfterChange(KmsKey key) =>
        WriteWarning($"{NameOf(key)} is no longer scheduled for deletion. It is disabled: Enable-KmsKey makes it usable again.");
}
