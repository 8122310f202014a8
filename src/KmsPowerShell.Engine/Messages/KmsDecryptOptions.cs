namespace KmsPowerShell.Engine.Messages;

/// <summary>
/// How Unprotect-KmsData reads a message. Strict mode: <see cref="KeyIds"/> lists the keys that may be tried (key
/// ids and aliases are resolved to ARNs with DescribeKey first). Discovery mode: <see cref="Discovery"/> is true and any
/// aws-kms key that passes the partition and account filter may be tried. Exactly one of the two.
/// </summary>
public sealed class KmsDecryptOptions
{
    public IReadOnlyList<string> KeyIds { get; init; } = [];

    public bool Discovery { get; init; }

    /// <summary>Discovery only: the accounts whose keys may be used; null for any.</summary>
    public IReadOnlyList<string>? DiscoveryAccountIds { get; init; }

    /// <summary>Discovery only: the partition (aws, aws-cn, aws-us-gov, ...) whose keys may be used; null for any.</summary>
    public string? DiscoveryPartition { get; init; }

    /// <summary>Pairs the message's encryption context must contain, with these exact values.</summary>
    public IReadOnlyDictionary<string, string> RequiredEncryptionContext { get; init; } = new Dictionary<string, string>();

    public KmsCommitmentPolicy CommitmentPolicy { get; init; } = KmsCommitmentPolicy.RequireEncryptRequireDecrypt;

    /// <summary>A message with more encrypted data keys fails before any KMS call; null for no limit.</summary>
    public int? MaxEncryptedDataKeys { get; init; }
}
