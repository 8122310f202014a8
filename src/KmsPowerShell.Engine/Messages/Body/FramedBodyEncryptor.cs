using System.Buffers.Binary;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// Encrypts plaintext into frames: read (and lay out) → seal in place → hash for the signature → write, one thread
/// per stage. The final frame holds what is left: a full frame when the plaintext is an exact multiple of the
/// frame length (the specification's SHOULD), an empty one for empty plaintext.
/// </summary>
internal sealed class FramedBodyEncryptor
{
    private readonly BodyContext _context;
    private readonly FrameLayout _layout;
    private readonly FrameHalves _halves;
    private readonly BodyAad _finalAad;
    private uint _nextSequenceNumber = 1;
    private long _plaintextBytes;

    private FramedBodyEncryptor(BodyContext context, int frameLength)
    {
        _context = context;
        _layout = new FrameLayout(frameLength);
        _halves = new FrameHalves(context.Aes, context.SecondAes, context.MessageId);
        _finalAad = new BodyAad(context.MessageId, BodyAad.FinalFrameString);
    }

    /// <summary>Returns the plaintext length.</summary>
    public static async Task<long> EncryptAsync(BodyContext context, int frameLength)
    {
        var encryptor = new FramedBodyEncryptor(context, frameLength);
        var batches = Enumerable.Range(0, encryptor._layout.PipelineDepth).Select(_ => new FrameBatch(encryptor._layout.BatchCapacity)).ToList();
        try
        {
            var stages = new List<Action<FrameBatch>> { encryptor.Seal };
            if (context.Hash is not null) stages.Add(b => context.HashBytes(b.Buffer, b.MessageBytes));
            stages.Add(encryptor.Write);
            await BatchPipeline.RunAsync(batches, encryptor.Read, stages, context.CancellationToken).ConfigureAwait(false);
            return encryptor._plaintextBytes;
        }
        finally
        {
            foreach (var batch in batches) batch.Dispose();
        }
    }

    private bool Read(FrameBatch batch)
    {
        batch.Reset(_nextSequenceNumber);
        var length = _layout.FrameLength;
        var buffer = batch.Buffer;
        long offset = 0;
        for (var i = 0; i < _layout.FramesPerBatch; i++)
        {
            var read = _context.Input.ReadAtMost(buffer.Slice(offset + FrameLayout.RegularContentOffset, length));
            if (read < length || _context.Input.AtEnd())
            {
                if (read > 0) buffer.MoveWithin(offset + FrameLayout.RegularContentOffset, offset + FrameLayout.FinalContentOffset, read);
                batch.HasFinalFrame = true;
                batch.FinalContentLength = read;
                batch.PlaintextBytes += read;
                batch.MessageBytes = offset + FrameLayout.FinalOverhead + read;
                return false;
            }
            if (_nextSequenceNumber == uint.MaxValue)
            {
                throw new KmsMessageException(KmsMessageProblem.MessageTooLarge,
                    $"The plaintext needs more than {uint.MaxValue} frames of {length} bytes; choose a larger frame length.");
            }
            _nextSequenceNumber++;
            batch.RegularFrames++;
            batch.PlaintextBytes += length;
            offset += _layout.RegularFrameSize;
        }
        batch.MessageBytes = offset;
        return true;
    }

    private void Seal(FrameBatch batch)
    {
        var buffer = batch.Buffer;
        _halves.Run(batch.RegularFrames, (lane, from, to) => SealRegularFrames(batch, lane, from, to));
        var sequenceNumber = batch.FirstSequenceNumber + (uint)batch.RegularFrames;
        var offset = batch.RegularFrames * _layout.RegularFrameSize;
        if (!batch.HasFinalFrame) return;
        var finalLength = batch.FinalContentLength;
        var finalHead = buffer.Slice(offset, FrameLayout.FinalContentOffset);
        BinaryPrimitives.WriteUInt32BigEndian(finalHead, uint.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(finalHead[4..], sequenceNumber);
        FrameIv.Write(finalHead.Slice(8, 12), sequenceNumber);
        BinaryPrimitives.WriteInt32BigEndian(finalHead[20..], finalLength);
        var finalContent = buffer.Slice(offset + FrameLayout.FinalContentOffset, finalLength);
        var finalTag = buffer.Slice(offset + FrameLayout.FinalContentOffset + finalLength, 16);
        _context.Aes.Encrypt(finalHead.Slice(8, 12), finalContent, finalContent, finalTag, _finalAad.For(sequenceNumber, finalLength));
    }

    private void SealRegularFrames(FrameBatch batch, FrameHalves.Lane lane, int from, int to)
    {
        var buffer = batch.Buffer;
        var length = _layout.FrameLength;
        var sequenceNumber = batch.FirstSequenceNumber + (uint)from;
        for (var offset = from * _layout.RegularFrameSize; from < to; from++, sequenceNumber++, offset += _layout.RegularFrameSize)
        {
            var head = buffer.Slice(offset, FrameLayout.RegularContentOffset);
            BinaryPrimitives.WriteUInt32BigEndian(head, sequenceNumber);
            FrameIv.Write(head[4..], sequenceNumber);
            var content = buffer.Slice(offset + FrameLayout.RegularContentOffset, length);
            var tag = buffer.Slice(offset + FrameLayout.RegularContentOffset + length, 16);
            lane.Aes.Encrypt(head[4..], content, content, tag, lane.Aad.For(sequenceNumber, length));
        }
    }

    private void Write(FrameBatch batch)
    {
        _context.WriteBytes(batch.Buffer, batch.MessageBytes);
        _plaintextBytes += batch.PlaintextBytes;
        _context.Progress(batch.PlaintextBytes);
    }
}
