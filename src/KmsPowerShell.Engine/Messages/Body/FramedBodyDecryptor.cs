using System.Buffers.Binary;
using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// Decrypts frames: read and check the framing → hash for the signature → open in place and compact the plaintext
/// → write, one thread per stage. Stops after the final frame; the footer is the caller's.
/// </summary>
internal sealed class FramedBodyDecryptor
{
    private readonly BodyContext _context;
    private readonly FrameLayout _layout;
    private readonly FrameHalves _halves;
    private readonly BodyAad _finalAad;
    private uint _nextSequenceNumber = 1;
    private long _plaintextBytes;

    private FramedBodyDecryptor(BodyContext context, int frameLength)
    {
        _context = context;
        _layout = new FrameLayout(frameLength);
        _halves = new FrameHalves(context.Aes, context.SecondAes, context.MessageId);
        _finalAad = new BodyAad(context.MessageId, BodyAad.FinalFrameString);
    }

    /// <summary>Returns the plaintext length.</summary>
    public static async Task<long> DecryptAsync(BodyContext context, int frameLength, long? bytesLeft)
    {
        var decryptor = new FramedBodyDecryptor(context, frameLength);
        var layout = decryptor._layout;
        // A seekable source says how much can follow: a header that claims huge frames over a small file gets small buffers.
        var capacity = bytesLeft is { } left ? Math.Min(layout.BatchCapacity, left + FrameLayout.FinalOverhead) : layout.BatchCapacity;
        var batches = Enumerable.Range(0, layout.PipelineDepth).Select(_ => new FrameBatch(capacity)).ToList();
        try
        {
            var stages = new List<Action<FrameBatch>>();
            if (context.Hash is not null) stages.Add(b => context.HashBytes(b.Buffer, b.MessageBytes));
            stages.Add(decryptor.Open);
            stages.Add(decryptor.Write);
            await BatchPipeline.RunAsync(batches, decryptor.Read, stages, context.CancellationToken).ConfigureAwait(false);
            return decryptor._plaintextBytes;
        }
        finally
        {
            foreach (var batch in batches) batch.Dispose();
        }
    }

    private bool Read(FrameBatch batch)
    {
        batch.Reset(_nextSequenceNumber);
        var input = _context.Input;
        var buffer = batch.Buffer;
        var length = _layout.FrameLength;
        long offset = 0;
        for (var i = 0; i < _layout.FramesPerBatch; i++)
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(input.Peek(4)) == uint.MaxValue)
            {
                ReadFinalFrame(batch, offset);
                return false;
            }
            if (offset + _layout.RegularFrameSize > buffer.Length) throw MessageErrors.Truncated();
            var head = buffer.Slice(offset, FrameLayout.RegularContentOffset);
            if (_layout.RegularFrameSize <= int.MaxValue)
            {
                // Sequence number, IV, content and tag lie in the same order in the message and the batch: one read.
                input.ReadExactly(buffer.Slice(offset, (int)_layout.RegularFrameSize));
            }
            else
            {
                input.ReadExactly(head);
                input.ReadExactly(buffer.Slice(offset + FrameLayout.RegularContentOffset, length));
                input.ReadExactly(buffer.Slice(offset + FrameLayout.RegularContentOffset + length, 16));
            }
            CheckSequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(head));
            _nextSequenceNumber++;
            batch.RegularFrames++;
            offset += _layout.RegularFrameSize;
        }
        batch.MessageBytes = offset;
        return true;
    }

    private void ReadFinalFrame(FrameBatch batch, long offset)
    {
        var input = _context.Input;
        var buffer = batch.Buffer;
        var head = buffer.Slice(offset, FrameLayout.FinalContentOffset);
        input.ReadExactly(head);
        CheckSequenceNumber(BinaryPrimitives.ReadUInt32BigEndian(head[4..]));
        var contentLength = BinaryPrimitives.ReadUInt32BigEndian(head[20..]);
        if (contentLength > _layout.FrameLength)
        {
            throw MessageErrors.Malformed($"the final frame claims {contentLength} bytes, more than the frame length {_layout.FrameLength}.");
        }
        var length = (int)contentLength;
        if (offset + FrameLayout.FinalOverhead + length > buffer.Length) throw MessageErrors.Truncated();
        input.ReadExactly(buffer.Slice(offset + FrameLayout.FinalContentOffset, length));
        input.ReadExactly(buffer.Slice(offset + FrameLayout.FinalContentOffset + length, 16));
        batch.HasFinalFrame = true;
        batch.FinalContentLength = length;
        batch.MessageBytes = offset + FrameLayout.FinalOverhead + length;
    }

    private void CheckSequenceNumber(uint sequenceNumber)
    {
        if (sequenceNumber != _nextSequenceNumber)
        {
            throw MessageErrors.Malformed($"frame {_nextSequenceNumber} carries sequence number {sequenceNumber} (frames missing, repeated or reordered).");
        }
    }

    private void Open(FrameBatch batch)
    {
        var buffer = batch.Buffer;
        var length = _layout.FrameLength;
        _halves.Run(batch.RegularFrames, (lane, from, to) => OpenRegularFrames(batch, lane, from, to));
        // The plaintext of every frame, moved together for one write.
        long offset = 0;
        long plaintext = 0;
        for (var i = 0; i < batch.RegularFrames; i++, offset += _layout.RegularFrameSize)
        {
            buffer.MoveWithin(offset + FrameLayout.RegularContentOffset, plaintext, length);
            plaintext += length;
        }
        if (batch.HasFinalFrame)
        {
            var sequenceNumber = batch.FirstSequenceNumber + (uint)batch.RegularFrames;
            var finalLength = batch.FinalContentLength;
            var start = offset + FrameLayout.FinalContentOffset;
            Open(_context.Aes, buffer.Slice(offset + 8, 12), buffer.Slice(start, finalLength), buffer.Slice(start + finalLength, 16),
                _finalAad.For(sequenceNumber, finalLength), sequenceNumber);
            buffer.MoveWithin(start, plaintext, finalLength);
            plaintext += finalLength;
        }
        batch.PlaintextBytes = plaintext;
    }

    private void OpenRegularFrames(FrameBatch batch, FrameHalves.Lane lane, int from, int to)
    {
        var buffer = batch.Buffer;
        var length = _layout.FrameLength;
        var sequenceNumber = batch.FirstSequenceNumber + (uint)from;
        for (var offset = from * _layout.RegularFrameSize; from < to; from++, sequenceNumber++, offset += _layout.RegularFrameSize)
        {
            var start = offset + FrameLayout.RegularContentOffset;
            Open(lane.Aes, buffer.Slice(offset + 4, 12), buffer.Slice(start, length), buffer.Slice(start + length, 16),
                lane.Aad.For(sequenceNumber, length), sequenceNumber);
        }
    }

    private static void Open(AesGcm aes, Span<byte> iv, Span<byte> content, Span<byte> tag, ReadOnlySpan<byte> aad, uint sequenceNumber)
    {
        try
        {
            aes.Decrypt(iv, content, tag, content, aad);
        }
        catch (CryptographicException e)
        {
            throw MessageErrors.Tampered($"frame {sequenceNumber}", e);
        }
    }

    private void Write(FrameBatch batch)
    {
        _context.WriteBytes(batch.Buffer, batch.PlaintextBytes);
        _plaintextBytes += batch.PlaintextBytes;
        _context.Progress(batch.MessageBytes);
    }
}
