using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Rotation;

/// <summary>Rotates key material now (on demand); data encrypted before still decrypts.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "KmsKeyRotation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KmsKeyRotation))]
public sealed class InvokeKmsKeyRotationCommand : KmsRotationChangeCmdlet
{
    protected override string Action(KmsKey key) => "Rotate the key material now";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsRotationAdmin(ActiveSession).RotateNowAsync(key, cancellationToken);
}
