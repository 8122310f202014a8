namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// What a compliance scan read about one customer-managed or AWS-managed key: its metadata and, where the caller may
/// read them, its aliases, tags, key policy, grants, rotation and last usage. A part that could not be read is null
/// (or empty) and named in <see cref="Unreadable"/> with the reason, so a check can say "could not tell" instead of
/// "fine".
/// </summary>
public sealed class KeySnapshot
{
    public required ComplianceScope Scope { get; init; }

    public required KmsKey Key { get; init; }

    public IReadOnlyList<KmsAlias> Aliases { get; init; } = [];

    public IReadOnlyList<KmsTag> Tags { get; init; } = [];

    /// <summary>The key policy named "default" (the only one KMS has), as its JSON text.</summary>
    public string? Policy { get; init; }

    public IReadOnlyList<KmsGrant> Grants { get; init; } = [];

    public KmsKeyRotation? Rotation { get; init; }

    public KmsKeyLastUsage? LastUsage { get; init; }

    /// <summary>The parts that could not be read (Policy, Grants, Rotation, LastUsage, Tags, Aliases) and why.</summary>
    public IReadOnlyDictionary<string, string> Unreadable { get; init; } = new Dictionary<string, string>();

    /// <summary>When these facts were read.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    public bool IsCustomerManaged => Key.KeyManager == "CUSTOMER";

    public string? FirstAlias => Aliases.Count > 0 ? Aliases[0].AliasName : Key.Aliases.FirstOrDefault();
}
