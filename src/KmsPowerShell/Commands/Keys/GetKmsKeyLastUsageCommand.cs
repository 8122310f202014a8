using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Gets when keys were last used for a successful cryptographic operation, to find keys nobody uses.</summary>
[Cmdlet(VerbsCommon.Get, "KmsKeyLastUsage")]
[OutputType(typeof(KmsKeyLastUsage))]
public sealed class GetKmsKeyLastUsageCommand : KmsKeyCmdlet
{
    private KmsKeyUsageAdmin? _usage;

    protected override void ProcessKey(KmsKeyReference reference)
    {
        // GetKeyLastUsage takes no alias: the key is described first unless a KmsKey was piped.
        var key = Describe(reference);
        _usage ??= new KmsKeyUsageAdmin(ActiveSession);
        WriteObject(Await(_usage.GetAsync(RequestFor(key), key.Arn, CancellationToken)));
    }
}
