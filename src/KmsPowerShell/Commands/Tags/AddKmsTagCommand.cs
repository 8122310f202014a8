using System.Collections;
using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Tags;

/// <summary>Adds tags to keys; a tag whose key exists gets the new value.</summary>
[Cmdlet(VerbsCommon.Add, "KmsTag", SupportsShouldProcess = true)]
[OutputType(typeof(KmsTag))]
public sealed class AddKmsTagCommand : KmsKeyChangeCmdlet
{
    private IReadOnlyDictionary<string, string> _tags = new Dictionary<string, string>();

    /// <summary>The tags, as a hashtable: @{ Project = 'billing'; Owner = 'ops' }.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    public Hashtable Tag { get; set; } = new();

    protected override void BeginProcessing()
    {
        try
        {
            _tags = TagTable.From(Tag);
            if (_tags.Count == 0) throw new KmsArgumentException("TagInvalid", "-Tag is empty: give at least one tag, such as @{ Owner = 'ops' }.");
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, Tag);
        }
    }

    protected override string Action(KmsKey key) => $"Add the tags {string.Join(", ", _tags.Select(t => $"{t.Key}={t.Value}"))}";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsTagAdmin(ActiveSession).AddAsync(key, _tags, cancellationToken);

    protected override object PassThruObject(KmsKey key) =>
        Await(new KmsTagAdmin(ActiveSession).ListAsync(RequestFor(key), key.Arn, CancellationToken));
}
