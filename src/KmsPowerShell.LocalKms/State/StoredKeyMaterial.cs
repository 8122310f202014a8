namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// One version of a key's material: an AES or HMAC secret, or a PKCS#8 private key for RSA and ECC specs.
/// Rotation appends a version; ciphertexts name the version they were made with.
/// </summary>
internal sealed class StoredKeyMaterial
{
    public int Version { get; set; }
    public string MaterialId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public byte[] Secret { get; set; } = [];

    /// <summary>Imported material only (Origin EXTERNAL): IMPORTED, or PENDING_IMPORT once deleted or expired (its <see cref="Secret"/> is then empty).</summary>
    public string? ImportState { get; set; }

    /// <summary>Imported material only: KEY_MATERIAL_EXPIRES or KEY_MATERIAL_DOES_NOT_EXPIRE, with <see cref="ValidTo"/> for the first.</summary>
    public string? ExpirationModel { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    public string? Description { get; set; }

    /// <summary>Imported material waiting for RotateKeyOnDemand (a NEW_KEY_MATERIAL import into a key that has material).</summary>
    public bool PendingRotation { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPresent => Secret.Length > 0;
}
