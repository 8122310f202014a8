using System.Buffers.Binary;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>Reads big-endian fields from bytes already in memory; running past the end is a malformed message.</summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _what;
    private int _offset;

    public SpanReader(ReadOnlySpan<byte> bytes, string what)
    {
        _bytes = bytes;
        _what = what;
        _offset = 0;
    }

    public readonly bool AtEnd => _offset == _bytes.Length;

    public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2));

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count > _bytes.Length - _offset) throw MessageErrors.Malformed($"The {_what} is shorter than its lengths say.");
        var slice = _bytes.Slice(_offset, count);
        _offset += count;
        return slice;
    }
}
