using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Grants;

/// <summary>A grant's encryption-context constraints, compared by content (for CreateGrant's Name idempotency).</summary>
internal sealed record GrantConstraints(Dictionary<string, string>? ContextEquals, Dictionary<string, string>? ContextSubset)
{
    public static GrantConstraints? Of(StoredGrant grant) =>
        grant.HasConstraints ? new GrantConstraints(grant.EncryptionContextEquals, grant.EncryptionContextSubset) : null;

    public bool Equals(GrantConstraints? other) =>
        other is not null && SameMap(ContextEquals, other.ContextEquals) && SameMap(ContextSubset, other.ContextSubset);

    public override int GetHashCode() => (ContextEquals?.Count ?? -1) ^ (ContextSubset?.Count ?? -1);

    private static bool SameMap(Dictionary<string, string>? a, Dictionary<string, string>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
