using System.Buffers.Binary;
using System.Text;
using KmsPowerShell.Engine.Messages.Io;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>
/// Parses a header strictly, field by field. Every allocation is bounded by a 2-byte length from the format; the
/// encrypted data key count is checked against the caller's limit before any key is read, so the whole header is
/// bounded before any key is allocated: at most 3 fields of 64 KiB a key, under 2 MiB for the default limit of 10.
/// </summary>
internal sealed class HeaderReader
{
    private readonly MessageInput _input;
    private readonly MemoryStream _body = new();

    private HeaderReader(MessageInput input) => _input = input;

    public static MessageHeader Read(MessageInput input, int? maxEncryptedDataKeys) => new HeaderReader(input).Read(maxEncryptedDataKeys);

    private MessageHeader Read(int? maxEncryptedDataKeys)
    {
        var version = Byte();
        if (version is not (1 or 2))
        {
            throw MessageErrors.Malformed(version == 0x80 || version == 0 ? "it does not start with a message format version." : $"format version {version} is not 1 or 2.");
        }
        if (version == 1 && Byte() != MessageHeader.V1MessageType) throw MessageErrors.Malformed("the message type is not 0x80.");
        var suiteId = UInt16();
        var suite = AlgorithmSuite.TryOf(suiteId) ?? throw MessageErrors.Malformed($"algorithm suite 0x{suiteId:X4} is unknown.");
        if (suite.FormatVersion != version)
        {
            throw MessageErrors.Malformed($"algorithm suite {suite} belongs to format version {suite.FormatVersion}, not {version}.");
        }
        var messageId = Bytes(suite.MessageIdLength);
        var context = EncryptionContextCodec.Parse(Bytes(UInt16()));
        var keys = ReadKeys(maxEncryptedDataKeys);
        var contentType = Byte();
        if (contentType is not (MessageHeader.ContentTypeFramed or MessageHeader.ContentTypeNonFramed))
        {
            throw MessageErrors.Malformed($"content type {contentType} is neither framed nor non-framed.");
        }
        var framed = contentType == MessageHeader.ContentTypeFramed;
        if (version == 1)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(Bytes(4)) != 0) throw MessageErrors.Malformed("the reserved bytes are not zero.");
            if (Byte() != AlgorithmSuite.IvLength) throw MessageErrors.Malformed("the IV length is not 12.");
        }
        var frameLength = BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
        if (framed && (frameLength == 0 || frameLength > int.MaxValue))
        {
            throw MessageErrors.Malformed($"frame length {frameLength} is outside 1 to {int.MaxValue}.");
        }
        if (!framed && frameLength != 0) throw MessageErrors.Malformed("a non-framed message has a frame length.");
        var suiteData = Bytes(suite.SuiteDataLength);
        var body = _body.ToArray();
        var authIv = version == 1 ? Raw(AlgorithmSuite.IvLength) : new byte[AlgorithmSuite.IvLength];
        var authTag = Raw(AlgorithmSuite.TagLength);
        return new MessageHeader(version, suite, messageId, context, keys, framed, (int)frameLength, suiteData, body, authIv, authTag);
    }

    private List<EncryptedDataKey> ReadKeys(int? maxEncryptedDataKeys)
    {
        var count = UInt16();
        if (count == 0) throw MessageErrors.Malformed("it has no encrypted data keys.");
        if (count > maxEncryptedDataKeys)
        {
            throw new KmsMessageException(KmsMessageProblem.TooManyEncryptedDataKeys,
                $"The message has {count} encrypted data keys; the limit is {maxEncryptedDataKeys}. Nothing was decrypted and no KMS call was made.");
        }
        var keys = new List<EncryptedDataKey>(count);
        for (var i = 0; i < count; i++)
        {
            string providerId;
            try
            {
                providerId = new UTF8Encoding(false, true).GetString(Bytes(UInt16()));
            }
            catch (DecoderFallbackException e)
            {
                throw MessageErrors.Malformed("a key provider id is not UTF-8.", e);
            }
            keys.Add(new EncryptedDataKey(providerId, Bytes(UInt16()), Bytes(UInt16())));
        }
        return keys;
    }

    private byte Byte() => Bytes(1)[0];

    private ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2));

    /// <summary>Reads header body bytes and keeps them for the header tag.</summary>
    private byte[] Bytes(int count)
    {
        var bytes = Raw(count);
        _body.Write(bytes);
        return bytes;
    }

    private byte[] Raw(int count)
    {
        var bytes = new byte[count];
        _input.ReadExactly(bytes);
        return bytes;
    }
}
