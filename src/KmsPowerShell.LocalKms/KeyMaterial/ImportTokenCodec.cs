using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// Import tokens: opaque to the caller, they carry the key they were made for, the wrapping algorithm, the expiry
/// and the wrapping private key, sealed with AES-GCM under the state's own secret. So the state keeps no wrapping
/// keys, a token cannot be made up or edited, and one for another key is refused.
/// </summary>
internal sealed class ImportTokenCodec
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Associated = Encoding.ASCII.GetBytes("KmsPowerShell.LocalKms import token");
    private readonly byte[] _secret;

    public ImportTokenCodec(byte[] secret) => _secret = secret;

    public byte[] Seal(ImportParameters parameters)
    {
        var plain = parameters.ToBytes();
        try
        {
            var token = new byte[1 + NonceBytes + TagBytes + plain.Length];
            token[0] = Version;
            var nonce = token.AsSpan(1, NonceBytes);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(_secret, TagBytes);
            aes.Encrypt(nonce, plain, token.AsSpan(1 + NonceBytes + TagBytes), token.AsSpan(1 + NonceBytes, TagBytes), Associated);
            return token;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The parameters a token carries; InvalidImportTokenException for anything not made by <see cref="Seal"/>.</summary>
    public ImportParameters Open(byte[] token)
    {
        if (token.Length <= 1 + NonceBytes + TagBytes || token[0] != Version) throw Invalid();
        var plain = new byte[token.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_secret, TagBytes);
            aes.Decrypt(token.AsSpan(1, NonceBytes), token.AsSpan(1 + NonceBytes + TagBytes), token.AsSpan(1 + NonceBytes, TagBytes), plain, Associated);
            return ImportParameters.FromBytes(plain);
        }
        catch (CryptographicException)
        {
            throw Invalid();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public static KmsErrorException Invalid() => KmsErrors.InvalidImportToken("The import token is invalid or was not issued for this KMS key.");
}

/// <summary>What an import token binds together. <see cref="PrivateKey"/> is PKCS#8: the caller zeroes it after use.</summary>
internal sealed record ImportParameters(string KeyArn, string Algorithm, string WrappingKeySpec, DateTimeOffset ValidTo, byte[] PrivateKey)
{
    public byte[] ToBytes()
    {
        var text = Encoding.UTF8.GetBytes(string.Join('\n', KeyArn, Algorithm, WrappingKeySpec));
        var bytes = new byte[4 + text.Length + 8 + PrivateKey.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, text.Length);
        text.CopyTo(bytes, 4);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(4 + text.Length), ValidTo.ToUnixTimeMilliseconds());
        PrivateKey.CopyTo(bytes, 4 + text.Length + 8);
        return bytes;
    }

    public static ImportParameters FromBytes(byte[] bytes)
    {
        var textLength = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var parts = Encoding.UTF8.GetString(bytes, 4, textLength).Split('\n');
        var validTo = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(4 + textLength)));
        return new ImportParameters(parts[0], parts[1], parts[2], validTo, bytes[(4 + textLength + 8)..]);
    }
}
