using System.Buffers.Binary;
using System.Text;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>
/// The canonical serialization of an encryption context: a pair count, then key and value pairs, each a 2-byte length
/// and UTF-8 bytes, sorted by the keys' UTF-8 bytes. An empty context serializes to no bytes at all.
/// </summary>
internal static class EncryptionContextCodec
{
    public const string ReservedPrefix = "aws-crypto-";
    public const string PublicKeyName = "aws-crypto-public-key";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Serialize(IReadOnlyDictionary<string, string> context)
    {
        if (context.Count == 0) return [];
        var pairs = context
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, ByteOrder.Instance)
            .ToList();
        var length = 2 + pairs.Sum(p => 4 + p.Key.Length + p.Value.Length);
        if (pairs.Count > ushort.MaxValue || length > ushort.MaxValue)
        {
            throw new KmsMessageException(KmsMessageProblem.EncryptionContextInvalid,
                $"The encryption context serializes to {length} bytes; the message format allows {ushort.MaxValue}.");
        }
        var bytes = new byte[length];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)pairs.Count);
        var offset = 2;
        foreach (var (key, value) in pairs)
        {
            offset = WriteField(span, offset, key);
            offset = WriteField(span, offset, value);
        }
        return bytes;
    }

    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> bytes)
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bytes.IsEmpty) return context;
        var reader = new SpanReader(bytes, "encryption context");
        var count = reader.UInt16();
        if (count == 0) throw MessageErrors.Malformed("The encryption context has a length but no pairs.");
        for (var i = 0; i < count; i++)
        {
            var key = Decode(reader.Bytes(reader.UInt16()));
            var value = Decode(reader.Bytes(reader.UInt16()));
            if (!context.TryAdd(key, value)) throw MessageErrors.Malformed("The encryption context has a key twice.");
        }
        if (!reader.AtEnd) throw MessageErrors.Malformed("The encryption context has bytes after its last pair.");
        return context;
    }

    public static void RejectReservedKeys(IReadOnlyDictionary<string, string> context)
    {
        var reserved = context.Keys.FirstOrDefault(k => k.StartsWith(ReservedPrefix, StringComparison.Ordinal));
        if (reserved is not null)
        {
            throw new KmsMessageException(KmsMessageProblem.EncryptionContextInvalid,
                $"The encryption context key '{reserved}' starts with '{ReservedPrefix}', which the Encryption SDK reserves.");
        }
    }

    private static byte[] Encode(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new KmsMessageException(KmsMessageProblem.EncryptionContextInvalid, "An encryption context key or value is not valid Unicode text.", e);
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw MessageErrors.Malformed("An encryption context key or value is not UTF-8.", e);
        }
    }

    private static int WriteField(Span<byte> span, int offset, byte[] field)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)field.Length);
        field.CopyTo(span[(offset + 2)..]);
        return offset + 2 + field.Length;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
