using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Enables keys, so they can be used in cryptographic operations again.</summary>
[Cmdlet(VerbsLifecycle.Enable, "KmsKey", SupportsShouldProcess = true)]
[OutputType(typeof(KmsKey))]
public sealed class EnableKmsKeyCommand : KmsKeyChangeCmdlet
{
    protected override string Action(KmsKey key) => "Enable the key";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsKeyAdmin(ActiveSession).EnableAsync(key, cancellationToken);
}
