namespace KmsPowerShell;

/// <summary>A KMS key with its details, as Get-KmsKey returns it.</summary>
public sealed class KmsKey : KmsKeyRecord
{
    internal KmsKey(string keyId, string arn, string region) : base(keyId, arn, region) { }

    /// <summary>The key ARN (the same as KeyArn).</summary>
    public string Arn => KeyArn;

    /// <summary>The alias names (alias/...) that point to this key.</summary>
    public IReadOnlyList<string> Aliases { get; internal set; } = Array.Empty<string>();

    /// <summary>The key state: Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, ...</summary>
    public string State { get; internal init; } = "";

    /// <summary>True when the key state is Enabled.</summary>
    public bool Enabled { get; internal init; }

    /// <summary>The key spec: SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256, ...</summary>
    public string KeySpec { get; internal init; } = "";

    /// <summary>ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC or KEY_AGREEMENT.</summary>
    public string KeyUsage { get; internal init; } = "";

    /// <summary>The key's description.</summary>
    public string Description { get; internal init; } = "";

    /// <summary>When the key was created.</summary>
    public DateTime? CreationDate { get; internal init; }

    /// <summary>When a key pending deletion will be deleted.</summary>
    public DateTime? DeletionDate { get; internal init; }

    /// <summary>The waiting period of a key pending deletion.</summary>
    public int? PendingDeletionWindowInDays { get; internal init; }

    /// <summary>True for a multi-Region key (primary or replica).</summary>
    public bool MultiRegion { get; internal init; }

    /// <summary>PRIMARY or REPLICA for a multi-Region key, otherwise empty.</summary>
    public string MultiRegionKeyType { get; internal init; } = "";

    /// <summary>CUSTOMER or AWS.</summary>
    public string KeyManager { get; internal init; } = "";

    /// <summary>AWS_KMS, EXTERNAL, AWS_CLOUDHSM or EXTERNAL_KEY_STORE.</summary>
    public string Origin { get; internal init; } = "";

    /// <summary>For imported key material (Origin EXTERNAL): KEY_MATERIAL_EXPIRES or KEY_MATERIAL_DOES_NOT_EXPIRE.</summary>
    public string ExpirationModel { get; internal init; } = "";

    /// <summary>When the imported key material expires (then the key goes back to PendingImport).</summary>
    public DateTime? ValidTo { get; internal init; }

    /// <summary>The custom key store of a key in CloudHSM or an external key store.</summary>
    public string CustomKeyStoreId { get; internal init; } = "";

    /// <summary>The id of the key material in use (imported or rotated material has one).</summary>
    public string CurrentKeyMaterialId { get; internal init; } = "";

    /// <summary>The account that owns the key.</summary>
    public string AccountId { get; internal init; } = "";

    /// <summary>The shared config profile the key was read through (Get-KmsKey -ProfileName); null when read with the session.</summary>
    public string? ProfileName { get; internal set; }

    /// <summary>The role assumed to read the key (Get-KmsKey -RoleArn); null when read with the session.</summary>
    public string? RoleArn { get; internal set; }

    /// <summary>The encryption algorithms the key supports.</summary>
    public IReadOnlyList<string> EncryptionAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The signing algorithms the key supports.</summary>
    public IReadOnlyList<string> SigningAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The MAC algorithms the key supports.</summary>
    public IReadOnlyList<string> MacAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The key agreement algorithms of a KEY_AGREEMENT key (ECDH).</summary>
    public IReadOnlyList<string> KeyAgreementAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The key encapsulation algorithms of an ENCAPSULATE_DECAPSULATE key (ML_KEM).</summary>
    public IReadOnlyList<string> EncapsulationAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>For a multi-Region key: the ARN of the primary key (itself, for the primary).</summary>
    public string PrimaryKeyArn { get; internal init; } = "";

    /// <summary>For a multi-Region key: the ARNs of its replicas, one per region.</summary>
    public IReadOnlyList<string> ReplicaKeyArns { get; internal init; } = Array.Empty<string>();

    /// <summary>For a key in a CloudHSM key store: the cluster its material lives in.</summary>
    public string CloudHsmClusterId { get; internal init; } = "";

    /// <summary>For a key in an external key store: the id of its key in the external key manager.</summary>
    public string XksKeyId { get; internal init; } = "";

    /// <summary>When the key was last used for a cryptographic operation; only with Get-KmsKey -IncludeLastUsage, else null.</summary>
    public KmsKeyLastUsage? LastUsage { get; internal set; }

    /// <summary>The first alias, or the key id when the key has no alias.</summary>
    public string DisplayName => Aliases.Count > 0 ? Aliases[0] : KeyId;

    /// <inheritdoc />
    public override string ToString() => Arn;
}
