using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Tags;

/// <summary>Removes tags from keys by tag key; KmsTag objects from Get-KmsTag bind by KeyId and TagKey.</summary>
[Cmdlet(VerbsCommon.Remove, "KmsTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KmsTag))]
public sealed class RemoveKmsTagCommand : KmsKeyChangeCmdlet
{
    /// <summary>The keys of the tags to remove.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagKeyCompleter))]
    public string[] TagKey { get; set; } = [];

    protected override string Action(KmsKey key) => $"Remove the tags {string.Join(", ", TagKey)}";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsTagAdmin(ActiveSession).RemoveAsync(key, TagKey, cancellationToken);

    protected override object PassThruObject(KmsKey key) =>
        Await(new KmsTagAdmin(ActiveSession).ListAsync(RequestFor(key), key.Arn, CancellationToken));
}
