using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// A block of native memory for a batch of frames. A single frame may hold up to 2^31-1 bytes of content plus its
/// framing, more than a managed array can; spans are handed out in int-sized slices. Zeroed before it is freed,
/// because it holds plaintext.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private byte* _pointer;

    public NativeBuffer(long length)
    {
        Length = length;
        _pointer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, length));
    }

    public long Length { get; }

    public Span<byte> Slice(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(_pointer is null, this);
        if (offset < 0 || length < 0 || offset + length > Length) throw new ArgumentOutOfRangeException(nameof(offset));
        return new Span<byte>(_pointer + offset, length);
    }

    /// <summary>Calls <paramref name="action"/> on consecutive slices of at most 1 GiB covering [offset, offset + length).</summary>
    public void ForEachChunk(long offset, long length, SpanAction action)
    {
        const int chunk = 1 << 30;
        while (length > 0)
        {
            var take = (int)Math.Min(chunk, length);
            action(Slice(offset, take));
            offset += take;
            length -= take;
        }
    }

    public void MoveWithin(long from, long to, int length) => Slice(from, length).CopyTo(Slice(to, length));

    public void Dispose()
    {
        if (_pointer is null) return;
        ForEachChunk(0, Length, span => CryptographicOperations.ZeroMemory(span));
        NativeMemory.Free(_pointer);
        _pointer = null;
    }

    public delegate void SpanAction(Span<byte> span);
}
