using System.Buffers.Binary;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>The IV of a frame written by us: its sequence number, big-endian, padded with zeros on the left to 12 bytes.</summary>
internal static class FrameIv
{
    public static void Write(Span<byte> iv, uint sequenceNumber)
    {
        iv[..8].Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], sequenceNumber);
    }
}
