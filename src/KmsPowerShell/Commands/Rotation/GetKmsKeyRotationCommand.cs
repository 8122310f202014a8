using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Rotation;

/// <summary>Gets the rotation settings of keys and the rotations they have had.</summary>
[Cmdlet(VerbsCommon.Get, "KmsKeyRotation")]
[OutputType(typeof(KmsKeyRotation))]
public sealed class GetKmsKeyRotationCommand : KmsKeyCmdlet
{
    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        WriteObject(Await(new KmsRotationAdmin(ActiveSession).GetAsync(RequestFor(key), key.Arn, CancellationToken)));
    }
}
