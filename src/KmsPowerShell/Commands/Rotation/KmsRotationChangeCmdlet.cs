using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Rotation;

/// <summary>A rotation change: -PassThru writes the key's rotation settings rather than the key.</summary>
public abstract class KmsRotationChangeCmdlet : KmsKeyChangeCmdlet
{
    protected override object PassThruObject(KmsKey key) =>
        Await(new KmsRotationAdmin(ActiveSession).GetAsync(RequestFor(key), key.Arn, CancellationToken));
}
