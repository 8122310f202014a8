using System.Buffers.Binary;
using System.Text;

namespace KmsPowerShell.Engine.Messages.Primitives;

/// <summary>
/// The AAD of one body part: the whole message id, the content string, the sequence number (4 bytes) and the
/// plaintext length (8 bytes). Built once per message; only the last 12 bytes change per frame.
/// </summary>
internal sealed class BodyAad
{
    public const string FrameString = "AWSKMSEncryptionClient Frame";
    public const string FinalFrameString = "AWSKMSEncryptionClient Final Frame";
    public const string SingleBlockString = "AWSKMSEncryptionClient Single Block";

    private readonly byte[] _bytes;

    public BodyAad(byte[] messageId, string content)
    {
        var label = Encoding.UTF8.GetBytes(content);
        _bytes = new byte[messageId.Length + label.Length + 12];
        messageId.CopyTo(_bytes, 0);
        label.CopyTo(_bytes, messageId.Length);
    }

    public ReadOnlySpan<byte> For(uint sequenceNumber, long contentLength)
    {
        var tail = _bytes.AsSpan(_bytes.Length - 12);
        BinaryPrimitives.WriteUInt32BigEndian(tail, sequenceNumber);
        BinaryPrimitives.WriteInt64BigEndian(tail[4..], contentLength);
        return _bytes;
    }
}
