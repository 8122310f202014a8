using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>
/// Schedules keys for deletion after a waiting period. Deleting a key makes everything encrypted under it
/// unrecoverable, so this asks first (ConfirmImpact High) unless -Force, and says when the deletion will happen.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KmsKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(KmsKey))]
public sealed class RemoveKmsKeyCommand : KmsKeyChangeCmdlet
{
    private DateTime? _deletionDate;

    /// <summary>Days from 7 to 30 before KMS deletes the key; Undo-KmsKeyRemoval cancels until then.</summary>
    [Parameter]
    [ValidateRange(7, 30)]
    public int PendingWindowInDays { get; set; } = 30;

    /// <summary>Schedules the deletion without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override bool ForceChange => Force;

    protected override string Action(KmsKey key) =>
        $"Schedule the key for deletion in {PendingWindowInDays} days (on {TimeProvider.System.GetLocalNow().AddDays(PendingWindowInDays):D}); " +
        "data encrypted under it becomes unrecoverable then";

    protected override async Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        _deletionDate = await new KmsKeyAdmin(ActiveSession).ScheduleDeletionAsync(key, PendingWindowInDays, cancellationToken).ConfigureAwait(false);

    protected override void AfterChange(KmsKey key) =>
        WriteWarning(_deletionDate is { } date
            ? $"{NameOf(key)} will be deleted on {date:F}. Until then, Undo-KmsKeyRemoval cancels the deletion."
            // KMS gives no date for a multi-Region primary key: its waiting period starts when its last replica is deleted.
            : $"{NameOf(key)} will be deleted {PendingWindowInDays} days after its last replica is deleted. Until then, Undo-KmsKeyRemoval cancels the deletion.");
}
