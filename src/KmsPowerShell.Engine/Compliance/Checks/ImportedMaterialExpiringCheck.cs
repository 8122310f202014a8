namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// Imported key material that expires within <see cref="ComplianceSettings.ExpiryDays"/> (or has expired): the key's
/// current material (ValidTo) and every material ListKeyRotations reports. KMS deletes expired material and the key
/// becomes unusable until it is imported again; only the holder of the material can do that, so there is no remediation.
/// </summary>
public sealed class ImportedMaterialExpiringCheck : ComplianceCheck
{
    public override string Id => "ImportedMaterialExpiring";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.High;

    public override string Title => "Imported key material expires soon";

    public override IEnumerable<KmsComplianceFinding> CheckKey(KeySnapshot key, ComplianceSettings settings)
    {
        if (!CheckFacts.IsLiveCustomerKey(key) || key.Key.Origin != "EXTERNAL") yield break;
        var expiring = Materials(key)
            .Where(m => (CheckFacts.At(m.ValidTo) - settings.Now).TotalDays <= settings.ExpiryDays)
            .OrderBy(m => CheckFacts.At(m.ValidTo))
            .ToList();
        if (expiring.Count == 0) yield break;
        var first = expiring[0].ValidTo;
        var verb = CheckFacts.At(first) <= settings.Now ? "expired" : "expires";
        yield return Finding(key,
            $"Imported key material of {CheckFacts.Name(key)} {verb} on {CheckFacts.Text(first)}, within the {settings.ExpiryDays} days allowed; import it again (Import-KmsKeyMaterial) before then.",
            string.Join("; ", expiring.Select(m => $"{(m.Id.Length > 0 ? $"key material {m.Id}" : "key material")} ValidTo = {CheckFacts.Text(m.ValidTo)}")),
            null,
            null);
    }

    /// <summary>Each material with an expiry once: the current one from DescribeKey, the others from ListKeyRotations.</summary>
    private static IEnumerable<(string Id, DateTime ValidTo)> Materials(KeySnapshot key)
    {
        var materials = new List<(string Id, DateTime ValidTo)>();
        if (key.Key.ValidTo is { } validTo) materials.Add((key.Key.CurrentKeyMaterialId, validTo));
        foreach (var material in key.Rotation?.KeyMaterials ?? [])
        {
            if (material.ValidTo is not { } expires) continue;
            if (materials.Any(m => m.Id.Length > 0 && m.Id == material.KeyMaterialId)) continue;
            materials.Add((material.KeyMaterialId, expires));
        }
        return materials;
    }
}
