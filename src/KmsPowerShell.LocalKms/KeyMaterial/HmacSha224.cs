using System.Security.Cryptography;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>HMAC (RFC 2104) over <see cref="Sha224"/>.</summary>
internal static class HmacSha224
{
    public static byte[] HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var block = new byte[Sha224.BlockBytes];
        if (key.Length > Sha224.BlockBytes) Sha224.HashData(key).CopyTo(block, 0);
        else key.CopyTo(block);
        var inner = new byte[Sha224.BlockBytes];
        var outer = new byte[Sha224.BlockBytes];
        for (var i = 0; i < block.Length; i++)
        {
            inner[i] = (byte)(block[i] ^ 0x36);
            outer[i] = (byte)(block[i] ^ 0x5c);
        }
        try
        {
            return Sha224.HashData(outer, Sha224.HashData(inner, message));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(outer);
        }
    }
}
