using System.Management.Automation;
using KmsPowerShell.Commands.Keys;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Tags;

/// <summary>Gets the tags of keys, one KmsTag per tag.</summary>
[Cmdlet(VerbsCommon.Get, "KmsTag")]
[OutputType(typeof(KmsTag))]
public sealed class GetKmsTagCommand : KmsKeyCmdlet
{
    /// <summary>Only tags whose key matches; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(TagKeyCompleter))]
    public string? TagKey { get; set; }

    protected override void ProcessKey(KmsKeyReference reference)
    {
        var key = Describe(reference);
        // Tag keys are case-sensitive in KMS.
        var pattern = new WildcardPattern(TagKey ?? "*", WildcardOptions.None);
        foreach (var tag in Await(new KmsTagAdmin(ActiveSession).ListAsync(RequestFor(key), key.Arn, CancellationToken)))
        {
            if (pattern.IsMatch(tag.TagKey)) WriteObject(tag);
        }
    }
}
