namespace KmsPowerShell;

/// <summary>A grant on a key, as Get-KmsGrant and New-KmsGrant return it.</summary>
public sealed class KmsGrant : KmsKeyRecord
{
    internal KmsGrant(string keyArn, string grantId, string region) : base(keyArn, region) => GrantId = grantId;

    /// <summary>The grant id.</summary>
    public string GrantId { get; }

    /// <summary>The grant token; only New-KmsGrant knows it. Pass it as -GrantToken to use the grant at once.</summary>
    public string? GrantToken { get; internal init; }

    /// <summary>The friendly name that makes creating the grant idempotent.</summary>
    public string? Name { get; internal init; }

    /// <summary>Who may use the grant.</summary>
    public string? GranteePrincipal { get; internal init; }

    /// <summary>Who may retire the grant.</summary>
    public string? RetiringPrincipal { get; internal init; }

    /// <summary>The account that created the grant.</summary>
    public string? IssuingAccount { get; internal init; }

    /// <summary>The operations the grant allows.</summary>
    public IReadOnlyList<string> Operations { get; internal init; } = Array.Empty<string>();

    /// <summary>Encryption context pairs a request must have exactly.</summary>
    public IReadOnlyDictionary<string, string>? EncryptionContextEquals { get; internal init; }

    /// <summary>Encryption context pairs a request must include.</summary>
    public IReadOnlyDictionary<string, string>? EncryptionContextSubset { get; internal init; }

    /// <summary>When the grant was created.</summary>
    public DateTime? CreationDate { get; internal init; }

    /// <summary>The constraints as text, for tables.</summary>
    public string Constraints =>
        EncryptionContextEquals is { Count: > 0 } equals ? "Equals " + Pairs(equals)
        : EncryptionContextSubset is { Count: > 0 } subset ? "Subset " + Pairs(subset)
        : "";

    private static string Pairs(IReadOnlyDictionary<string, string> pairs) => string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"));

    /// <inheritdoc />
    public override string ToString() => GrantId;
}
