using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Rotation;

/// <summary>Turns on automatic rotation of key material.</summary>
[Cmdlet(VerbsLifecycle.Enable, "KmsKeyRotation", SupportsShouldProcess = true)]
[OutputType(typeof(KmsKeyRotation))]
public sealed class EnableKmsKeyRotationCommand : KmsRotationChangeCmdlet
{
    /// <summary>Days between rotations, 90 to 2560; KMS uses 365 when omitted.</summary>
    [Parameter]
    [ValidateRange(90, 2560)]
    public int? RotationPeriodInDays { get; set; }

    protected override string Action(KmsKey key) =>
        $"Rotate the key material every {RotationPeriodInDays?.ToString() ?? "365"} days";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsRotationAdmin(ActiveSession).EnableAsync(key, RotationPeriodInDays, cancellationToken);
}
