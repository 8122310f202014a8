namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>A parsed message header. <see cref="Body"/> is the serialized header body, the AAD of the header tag.</summary>
internal sealed record MessageHeader(
    byte Version,
    AlgorithmSuite Suite,
    byte[] MessageId,
    IReadOnlyDictionary<string, string> EncryptionContext,
    IReadOnlyList<EncryptedDataKey> EncryptedDataKeys,
    bool IsFramed,
    int FrameLength,
    byte[] SuiteData,
    byte[] Body,
    byte[] AuthIv,
    byte[] AuthTag)
{
    public const byte ContentTypeNonFramed = 1;
    public const byte ContentTypeFramed = 2;
    public const byte V1MessageType = 0x80;

    /// <summary>The header exactly as serialized: body then authentication.</summary>
    public byte[] Serialized() => Version == 1 ? [.. Body, .. AuthIv, .. AuthTag] : [.. Body, .. AuthTag];

    public KmsMessageInfo ToInfo() => new(
        Convert.ToHexString(MessageId).ToLowerInvariant(), Version, Suite.Suite, IsFramed, FrameLength,
        EncryptedDataKeys.Select(k => k.ToInfo()).ToArray(), EncryptionContext);
}
