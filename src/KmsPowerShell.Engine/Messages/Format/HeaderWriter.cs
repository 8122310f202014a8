using System.Buffers.Binary;
using System.Text;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>Serializes a header body, version 1 or 2 as the suite requires.</summary>
internal static class HeaderWriter
{
    public static byte[] WriteBody(AlgorithmSuite suite, byte[] messageId, byte[] serializedContext,
        IReadOnlyList<EncryptedDataKey> keys, bool framed, int frameLength, byte[] suiteData)
    {
        var body = new MemoryStream();
        body.WriteByte(suite.FormatVersion);
        if (suite.FormatVersion == 1) body.WriteByte(MessageHeader.V1MessageType);
        WriteUInt16(body, suite.Id);
        body.Write(messageId);
        WriteUInt16(body, checked((ushort)serializedContext.Length));
        body.Write(serializedContext);
        WriteUInt16(body, checked((ushort)keys.Count));
        foreach (var key in keys)
        {
            WriteField(body, Encoding.UTF8.GetBytes(key.ProviderId));
            WriteField(body, key.ProviderInfo);
            WriteField(body, key.Ciphertext);
        }
        body.WriteByte(framed ? MessageHeader.ContentTypeFramed : MessageHeader.ContentTypeNonFramed);
        if (suite.FormatVersion == 1)
        {
            body.Write([0, 0, 0, 0]);
            body.WriteByte(AlgorithmSuite.IvLength);
        }
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, framed ? frameLength : 0);
        body.Write(length);
        body.Write(suiteData);
        return body.ToArray();
    }

    private static void WriteField(MemoryStream body, byte[] field)
    {
        if (field.Length > ushort.MaxValue)
        {
            throw new KmsMessageException(KmsMessageProblem.MessageTooLarge, $"An encrypted data key field of {field.Length} bytes does not fit the message format.");
        }
        WriteUInt16(body, (ushort)field.Length);
        body.Write(field);
    }

    private static void WriteUInt16(MemoryStream body, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        body.Write(bytes);
    }
}
