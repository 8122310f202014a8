namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// A customer-managed key without one of <see cref="ComplianceSettings.RequiredTags"/> (tag keys compare exactly, as
/// KMS's do): one finding per missing tag. Its fix tags the key, with the value a person gives Repair-KmsComplianceFinding
/// (-Tag): who owns a key is not the scan's to guess. When the tags could not be read, the check cannot tell and finds nothing.
/// </summary>
public sealed class RequiredTagMissingCheck : ComplianceCheck
{
    public override string Id => "RequiredTagMissing";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Low;

    public override string Title => "Key lacks a required tag";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || CheckFacts.IsUnreadable(key, "Tags")) yield break;
        foreach (var required in settings.RequiredTags.Where(t => !key.Tags.Any(tag => tag.TagKey == t)))
        {
            var tag = $"@{{ {CheckFacts.Quoted(required)} = '...' }}";
            yield return Finding(key,
                $"{CheckFacts.Name(key)} has no {required} tag; give its value to Repair-KmsComplianceFinding -Tag {tag}.",
                $"ListResourceTags: {(key.Tags.Count == 0 ? "no tags" : string.Join(", ", key.Tags.Select(t => t.TagKey)))}",
                $"Add-KmsTag -KeyId {CheckFacts.Quoted(key.Key.KeyArn)} -Tag {tag}",
                new KmsComplianceFix(KmsComplianceFixActions.TagResource, new Dictionary<string, string> { ["TagKey"] = required }));
        }
    }
}
