using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Policies;

/// <summary>Gets the key policy of keys: the JSON text, or a parsed object with -AsObject.</summary>
[Cmdlet(VerbsCommon.Get, "KmsKeyPolicy")]
[OutputType(typeof(string), typeof(PSObject))]
public sealed class GetKmsKeyPolicyCommand : KmsKeyCmdlet
{
    /// <summary>The policy name; KMS keys have one, named default.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PolicyNameCompleter))]
    public string PolicyName { get; set; } = "default";

    /// <summary>Returns the policy as an object (as ConvertFrom-Json would) instead of JSON text.</summary>
    [Parameter]
    public SwitchParameter AsObject { get; set; }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        var policy = Await(new KmsPolicyAdmin(ActiveSession).GetAsync(RequestFor(key), PolicyName, CancellationToken));
        WriteObject(AsObject ? JsonToPSObject.Convert(policy) : policy);
    }
}
