using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The local KMS ciphertext blob: format byte, 12-digit account, key id, material version, then AES-256-GCM nonce,
/// ciphertext and tag. The header and the canonical encryption context are the additional data, so a blob cannot be
/// moved to another key or version, or opened with another context. It names the key id, not the regional ARN, so
/// every replica of a multi-Region key can open it.
/// </summary>
internal sealed record SymmetricCiphertext(string Account, string KeyId, int MaterialVersion, byte[] Header, byte[] Nonce, byte[] Sealed, byte[] Tag)
{
    private const byte Format = 0x4C;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(string account, string keyId, int materialVersion, byte[] key, ReadOnlySpan<byte> plaintext, IReadOnlyDictionary<string, string> context)
    {
        var header = BuildHeader(account, keyId, materialVersion);
        var blob = new byte[header.Length + NonceSize + plaintext.Length + TagSize];
        header.CopyTo(blob, 0);
        var nonce = blob.AsSpan(header.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(header.Length + NonceSize, plaintext.Length), blob.AsSpan(blob.Length - TagSize), Aad(header, context));
        return blob;
    }

    /// <summary>
    /// Whether a blob has our header (format byte, then a 12-digit account), so names a symmetric key. An RSA
    /// ciphertext, being random bytes, starts like this by chance about once in 10^31.
    /// </summary>
    public static bool IsSymmetricBlob(byte[] blob) =>
        blob.Length >= 1 + 12 + 1 + 4 + NonceSize + TagSize && blob[0] == Format && blob.AsSpan(1, 12).IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    /// <summary>
    /// Reads the header; anything that is not one of our blobs is an InvalidCiphertextException (an RSA ciphertext that
    /// starts with the format byte by chance, once in 256, too: its account is not 12 digits).
    /// </summary>
    public static SymmetricCiphertext Parse(byte[] blob)
    {
        if (!IsSymmetricBlob(blob)) throw KmsErrors.InvalidCiphertext();
        var account = Encoding.ASCII.GetString(blob, 1, 12);
        int idLength = blob[13];
        var headerLength = 14 + idLength + 4;
        if (blob.Length < headerLength + NonceSize + TagSize) throw KmsErrors.InvalidCiphertext();
        var keyId = Encoding.ASCII.GetString(blob, 14, idLength);
        var version = BinaryPrimitives.ReadInt32BigEndian(blob.AsSpan(14 + idLength, 4));
        return new SymmetricCiphertext(account, keyId, version, blob[..headerLength], blob[headerLength..(headerLength + NonceSize)],
            blob[(headerLength + NonceSize)..^TagSize], blob[^TagSize..]);
    }

    /// <summary>The blob's bytes after its header: nonce, ciphertext and tag.</summary>
    public byte[] Body => [.. Nonce, .. Sealed, .. Tag];

    public byte[] Open(byte[] key, IReadOnlyDictionary<string, string> context)
    {
        var plaintext = new byte[Sealed.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(Nonce, Sealed, Tag, plaintext, Aad(Header, context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            throw KmsErrors.InvalidCiphertext();
        }
    }

    private static byte[] BuildHeader(string account, string keyId, int materialVersion)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        var header = new byte[14 + id.Length + 4];
        header[0] = Format;
        Encoding.ASCII.GetBytes(account, header.AsSpan(1, 12));
        header[13] = checked((byte)id.Length);
        id.CopyTo(header, 14);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(14 + id.Length), materialVersion);
        return header;
    }

    /// <summary>The additional data of a blob: its header and the canonical encryption context.</summary>
    public static byte[] Aad(byte[] header, IReadOnlyDictionary<string, string> context) => [.. header, .. EncryptionContextEncoding.Encode(context)];
}
