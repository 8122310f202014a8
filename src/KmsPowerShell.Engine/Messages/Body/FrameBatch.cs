using KmsPowerShell.Engine.Messages.Io;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// Consecutive frames that travel through the pipeline together. Frames sit in the buffer at their serialized
/// positions: regular frame i at i * (frame length + 32), the final frame (if this batch has it) right after.
/// </summary>
internal sealed class FrameBatch : IDisposable
{
    public FrameBatch(long capacity) => Buffer = new NativeBuffer(capacity);

    public NativeBuffer Buffer { get; }

    public uint FirstSequenceNumber { get; set; }

    /// <summary>Regular frames in the batch.</summary>
    public int RegularFrames { get; set; }

    public bool HasFinalFrame { get; set; }

    public int FinalContentLength { get; set; }

    /// <summary>Serialized message bytes in the buffer, from 0.</summary>
    public long MessageBytes { get; set; }

    /// <summary>Plaintext bytes of the batch (after decryption they sit compacted at the buffer's start).</summary>
    public long PlaintextBytes { get; set; }

    public void Reset(uint firstSequenceNumber)
    {
        FirstSequenceNumber = firstSequenceNumber;
        RegularFrames = 0;
        HasFinalFrame = false;
        FinalContentLength = 0;
        MessageBytes = 0;
        PlaintextBytes = 0;
    }

    public void Dispose() => Buffer.Dispose();
}
