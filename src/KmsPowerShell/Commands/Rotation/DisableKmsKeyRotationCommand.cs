using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Rotation;

/// <summary>Turns off automatic rotation of key material.</summary>
[Cmdlet(VerbsLifecycle.Disable, "KmsKeyRotation", SupportsShouldProcess = true)]
[OutputType(typeof(KmsKeyRotation))]
public sealed class DisableKmsKeyRotationCommand : KmsRotationChangeCmdlet
{
    protected override string Action(KmsKey key) => "Stop rotating the key material automatically";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsRotationAdmin(ActiveSession).DisableAsync(key, cancellationToken);
}
