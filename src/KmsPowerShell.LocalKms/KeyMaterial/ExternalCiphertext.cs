using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The outer layer of a ciphertext of a key in an external key store: what the XKS proxy's Encrypt answered, kept
/// so that its Decrypt can be asked: the initialization vector (12 or 16 bytes), the proxy's ciphertextMetadata (up to
/// 20 bytes), the 16-byte authentication tag, then the ciphertext, each length in one byte before its field.
/// </summary>
internal sealed record ExternalCiphertext(byte[] InitializationVector, byte[] Metadata, byte[] AuthenticationTag, byte[] Ciphertext)
{
    private const int TagSize = 16;

    public byte[] Encode() =>
        [(byte)InitializationVector.Length, .. InitializationVector, (byte)Metadata.Length, .. Metadata, .. AuthenticationTag, .. Ciphertext];

    /// <summary>Whether the proxy's answer has the sizes the spec allows.</summary>
    public bool IsValid => InitializationVector.Length is 12 or 16 && Metadata.Length <= 20 && AuthenticationTag.Length == TagSize && Ciphertext.Length > 0;

    public static ExternalCiphertext Parse(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < 1) throw KmsErrors.InvalidCiphertext();
        int ivLength = encoded[0];
        if (encoded.Length < 1 + ivLength + 1) throw KmsErrors.InvalidCiphertext();
        int metadataLength = encoded[1 + ivLength];
        var tagStart = 2 + ivLength + metadataLength;
        if (encoded.Length <= tagStart + TagSize) throw KmsErrors.InvalidCiphertext();
        var parsed = new ExternalCiphertext(encoded.Slice(1, ivLength).ToArray(), encoded.Slice(2 + ivLength, metadataLength).ToArray(),
            encoded.Slice(tagStart, TagSize).ToArray(), encoded[(tagStart + TagSize)..].ToArray());
        return parsed.IsValid ? parsed : throw KmsErrors.InvalidCiphertext();
    }
}
