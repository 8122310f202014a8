using System.Buffers.Binary;
using System.Text;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The encryption context in one canonical byte form (pairs sorted by key, each part length-prefixed),
/// authenticated as AES-GCM additional data: the same pairs in any order give the same bytes.
/// </summary>
internal static class EncryptionContextEncoding
{
    public static byte[] Encode(IReadOnlyDictionary<string, string> context)
    {
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, context.Count);
        stream.Write(length);
        foreach (var (key, value) in context.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var part in new[] { key, value })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
                stream.Write(length);
                stream.Write(bytes);
            }
        }
        return stream.ToArray();
    }
}
