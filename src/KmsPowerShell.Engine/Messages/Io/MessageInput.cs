namespace KmsPowerShell.Engine.Messages.Io;

/// <summary>
/// Buffered, synchronous reads from a stream, in exact sizes: small fields come from the buffer, large reads go
/// straight into the caller's memory once the buffer is drained. Counts every byte it hands out.
/// </summary>
internal sealed class MessageInput
{
    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    public MessageInput(Stream stream, int bufferSize = 256 * 1024)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    /// <summary>Bytes handed out so far.</summary>
    public long Consumed { get; private set; }

    private int Buffered => _end - _start;

    /// <summary>Fills <paramref name="destination"/> completely; a malformed-message error when the stream ends first.</summary>
    public void ReadExactly(Span<byte> destination)
    {
        if (ReadAtMost(destination) != destination.Length) throw MessageErrors.Truncated();
    }

    /// <summary>Fills as much of <paramref name="destination"/> as the stream has; less than its length only at the end.</summary>
    public int ReadAtMost(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (Buffered > 0)
            {
                var take = Math.Min(Buffered, destination.Length - total);
                _buffer.AsSpan(_start, take).CopyTo(destination[total..]);
                _start += take;
                total += take;
                continue;
            }
            var remaining = destination.Length - total;
            if (remaining >= _buffer.Length)
            {
                var read = _stream.Read(destination[total..]);
                if (read == 0) break;
                total += read;
            }
            else if (!Fill())
            {
                break;
            }
        }
        Consumed += total;
        return total;
    }

    /// <summary>The next <paramref name="count"/> bytes, not consumed; a malformed-message error when the stream ends first.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        while (Buffered < count)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, Buffered).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) throw MessageErrors.Truncated();
            _end += read;
        }
        return _buffer.AsSpan(_start, count);
    }

    /// <summary>True when the stream has no more bytes.</summary>
    public bool AtEnd() => Buffered == 0 && !Fill();

    private bool Fill()
    {
        _start = 0;
        _end = _stream.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }
}
