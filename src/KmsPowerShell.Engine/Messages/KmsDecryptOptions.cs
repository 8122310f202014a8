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

    /// <summary>
    /// The limit on <see cref="MaxEncryptedDataKeys"/> unless a caller sets another: a message encrypted under ten
    /// keys (several regions and accounts) is already unusual, and each key the keyring may use can cost a KMS call.
    /// </summary>
    public const int DefaultMaxEncryptedDataKeys = 10;

    /// <summary>A message with more encrypted data keys fails before any KMS call; null for no limit (65,535, the format's).</summary>
    public int? MaxEncryptedDataKeys { get; init; } = DefaultMaxEncryptedDataKeys;

    /// <summary>
    /// The rule every decrypting caller keeps: name the keys that may decrypt, or ask for discovery, exactly one of the
    /// two. Null when <paramref name="keysNamed"/> and <paramref name="discovery"/> keep it, else the error, which names
    /// the keys as the caller's <paramref name="keyParameter"/>.
    /// </summary>
    public static KmsArgumentException? KeysProblem(bool keysNamed, bool discovery, string keyParameter = "-KeyId") =>
        keysNamed != discovery ? null : new KmsArgumentException("DecryptKeysInvalid",
            (discovery ? $"{keyParameter} and -Discovery exclude each other: name" : "Name") +
            $" the keys that may decrypt the message with {keyParameter}, or add -Discovery to let any key the message names decrypt it.");
}
