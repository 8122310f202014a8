using System.Text.Json.Nodes;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// The replicas of a multi-Region key, across the regions scanned, whose key policy or rotation differs from the
/// primary's (or, with the primary not scanned, from the first replica's): one finding per differing replica. A
/// differing policy is fixed by putting the primary's policy on the replica (a policy change).
/// </summary>
public sealed class ReplicaDriftCheck : ComplianceCheck
{
    public override string Id => "ReplicaDrift";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Multi-Region key replicas differ in key policy or rotation";

    public override IEnumerable<KmsComplianceFinding> CheckAccount(IReadOnlyList<KeySnapshot> keys, ComplianceSettings settings)
    {
        var related = keys.Where(k => k.Key.MultiRegion && CheckFacts.IsLiveCustomerKey(k)).GroupBy(k => k.Key.KeyId);
        foreach (var group in related)
        {
            var members = group.OrderBy(k => k.Key.MultiRegionKeyType == "PRIMARY" ? 0 : 1).ThenBy(k => k.Key.Region, StringComparer.Ordinal).ToList();
            var reference = members[0];
            foreach (var replica in members.Skip(1))
            {
                var policyDiffers = reference.Policy is not null && replica.Policy is not null && !SamePolicy(reference.Policy, replica.Policy);
                var rotationDiffers = reference.Rotation is { } a && replica.Rotation is { } b &&
                    (a.RotationEnabled != b.RotationEnabled || a.RotationPeriodInDays != b.RotationPeriodInDays);
                if (!policyDiffers && !rotationDiffers) continue;
                var what = policyDiffers && rotationDiffers ? "key policy and rotation" : policyDiffers ? "key policy" : "rotation";
                yield return Finding(replica,
                    $"The {what} of {CheckFacts.Name(replica)} in {replica.Key.Region} differ from those of the {Role(reference)} in {reference.Key.Region}.",
                    string.Join("; ", Evidence(reference, replica, policyDiffers, rotationDiffers)),
                    policyDiffers
                        ? $"Set-KmsKeyPolicy -KeyId {CheckFacts.Quoted(replica.Key.KeyArn)} -Policy (Get-KmsKeyPolicy -KeyId {CheckFacts.Quoted(reference.Key.KeyArn)})"
                        : null,
                    policyDiffers
                        ? new KmsComplianceFix(KmsComplianceFixActions.PutKeyPolicy, new Dictionary<string, string> { ["Policy"] = reference.Policy! }, IsPolicyChange: true)
                        : null);
            }
        }
    }

    private static string Role(KeySnapshot key) => key.Key.MultiRegionKeyType == "PRIMARY" ? "primary key" : "replica";

    private static IEnumerable<string> Evidence(KeySnapshot reference, KeySnapshot replica, bool policyDiffers, bool rotationDiffers)
    {
        if (policyDiffers) yield return $"GetKeyPolicy differs from {reference.Key.KeyArn}'s";
        if (rotationDiffers) yield return $"GetKeyRotationStatus: {Rotation(replica)} here, {Rotation(reference)} in {reference.Key.Region}";
    }

    private static string Rotation(KeySnapshot key) =>
        $"KeyRotationEnabled = {key.Rotation!.RotationEnabled.ToString().ToLowerInvariant()}, RotationPeriodInDays = {key.Rotation.RotationPeriodInDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";

    /// <summary>The same JSON, whatever its spacing and member order.</summary>
    private static bool SamePolicy(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return a == b;
        }
    }
}
