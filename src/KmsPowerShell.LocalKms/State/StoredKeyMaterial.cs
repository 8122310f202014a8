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
}
