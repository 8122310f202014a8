using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Disables keys: KMS refuses every cryptographic operation with them until they are enabled.</summary>
[Cmdlet(VerbsLifecycle.Disable, "KmsKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KmsKey))]
public sealed class DisableKmsKeyCommand : KmsKeyChangeCmdlet
{
    protected override string Action(KmsKey key) => "Disable the key";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsKeyAdmin(ActiveSession).DisableAsync(key, cancellationToken);
}
