using System.Text.Json.Serialization;

namespace KmsPowerShell.LocalKms.State;

/// <summary>One KMS key in one region. A multi-Region key has one of these per region, sharing KeyId and material.</summary>
internal sealed class StoredKey
{
    public string Arn { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string Account { get; set; } = "";
    public string Region { get; set; } = "";
    public DateTimeOffset CreationDate { get; set; }
    public string Description { get; set; } = "";
    public string KeySpec { get; set; } = "";
    public string KeyUsage { get; set; } = "";
    public string KeyState { get; set; } = KeyStates.Enabled;

    /// <summary>CUSTOMER, or AWS for an AWS managed key (see <see cref="Operations.AwsManagedKeys"/>).</summary>
    public string KeyManager { get; set; } = "CUSTOMER";
    /// <summary>The CloudHSM or external key store the key belongs to; null for a key of the default key store.</summary>
    public string? CustomKeyStoreId { get; set; }

    /// <summary>A key in an external key store: the id of its external key at the store's XKS proxy.</summary>
    public string? XksKeyId { get; set; }

    /// <summary>Enabled or Disabled, kept while the key's custom key store is disconnected (KeyState Unavailable).</summary>
    public string? StateBeforeUnavailable { get; set; }

    public string Origin { get; set; } = "AWS_KMS";

    public DateTimeOffset? DeletionDate { get; set; }
    public int? PendingWindowInDays { get; set; }

    /// <summary>When a key in <see cref="KeyStates.Creating"/> becomes Enabled.</summary>
    public DateTimeOffset? CreationCompleteDate { get; set; }
    public string Policy { get; set; } = "";
    public List<StoredTag> Tags { get; set; } = [];
    public bool MultiRegion { get; set; }
    public string? PrimaryRegion { get; set; }
    public List<StoredKeyMaterial> Materials { get; set; } = [];
    public bool RotationEnabled { get; set; }
    public int? RotationPeriodInDays { get; set; }
    public DateTimeOffset? NextRotationDate { get; set; }
    public DateTimeOffset? OnDemandRotationStartDate { get; set; }
    public List<StoredRotation> Rotations { get; set; } = [];

    /// <summary>The last successful cryptographic operation saved; see <see cref="KeyUsageTable"/> for what is not saved yet.</summary>
    public StoredKeyUsage? LastUsage { get; set; }

    /// <summary>The material new ciphertexts use: the newest that is not waiting for an on-demand rotation.</summary>
    [JsonIgnore]
    public StoredKeyMaterial CurrentMaterial => Materials.Last(m => !m.PendingRotation);

    [JsonIgnore]
    public bool IsExternal => Origin == KeyOrigins.External;

    [JsonIgnore]
    public bool IsReplica => MultiRegion && PrimaryRegion != Region;

    public StoredKeyMaterial? Material(int version) => Materials.FirstOrDefault(m => m.Version == version);
}
