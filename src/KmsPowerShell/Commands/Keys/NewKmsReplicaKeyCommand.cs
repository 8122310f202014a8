using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Makes a replica of a multi-Region primary key in another region.</summary>
[Cmdlet(VerbsCommon.New, "KmsReplicaKey", SupportsShouldProcess = true)]
[OutputType(typeof(KmsKey))]
public sealed class NewKmsReplicaKeyCommand : KmsKeyCmdlet
{
    /// <summary>The region to make the replica in.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string ReplicaRegion { get; set; } = "";

    [Parameter]
    [ValidateLength(0, 8192)]
    public string? Description { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    [Parameter]
    public string? Policy { get; set; }

    private IReadOnlyDictionary<string, string> _tags = new Dictionary<string, string>();
    private string? _policy;

    protected override void BeginProcessing()
    {
        try
        {
            Engine.Session.RegionName.Require(ReplicaRegion, "-ReplicaRegion");
            _tags = TagTable.From(Tag);
            _policy = PolicyText.Read(this, Policy, null);
        }
        catch (KmsException e)
        {
            ThrowInvocationError(e, ReplicaRegion);
        }
    }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        if (!ShouldProcess(NameOf(key), $"Replicate the key to {ReplicaRegion}")) return;
        var replicaArn = Await(new KmsKeyAdmin(ActiveSession).ReplicateAsync(RequestFor(key), ReplicaRegion, Description, _tags, _policy, CancellationToken));
        WriteObject(Await(Reader.GetAsync(new KeyRequest(replicaArn, ReplicaRegion), CancellationToken)));
    }
}
