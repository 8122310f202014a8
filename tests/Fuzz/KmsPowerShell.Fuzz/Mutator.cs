using System.Buffers.Binary;

namespace KmsPowerShell.Fuzz;

/// <summary>A seeded byte mutator in the manner of libFuzzer's: flips, interesting values, length fields, inserts, deletes, splices.</summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] InterestingBytes = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x78, 0x05, 0x04];
    private static readonly uint[] InterestingLengths = [0, 1, 2, 12, 16, 31, 32, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(_random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < rounds; i++) MutateOnce(data, corpus);
        return data.ToArray();
    }

    private void MutateOnce(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        if (data.Count == 0)
        {
            data.Add((byte)_random.Next(256));
            return;
        }
        var at = Position(data.Count);
        switch (_random.Next(11))
        {
            case 0: data[at] ^= (byte)(1 << _random.Next(8)); break;
            case 1: data[at] = (byte)_random.Next(256); break;
            case 2: data[at] = InterestingBytes[_random.Next(InterestingBytes.Length)]; break;
            case 3: WriteLength(data, at, 2); break;
            case 4: WriteLength(data, at, 4); break;
            case 5: data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(_random.Next(2) == 0 ? 4 : 64))); break;
            case 6: data.InsertRange(at, Enumerable.Range(0, 1 + _random.Next(16)).Select(_ => (byte)_random.Next(256))); break;
            case 7: data.RemoveRange(at, data.Count - at); break; // truncate
            case 8:
            {
                var length = Math.Min(data.Count - at, 1 + _random.Next(32));
                data.InsertRange(Position(data.Count), data.GetRange(at, length)); // duplicate a chunk
                break;
            }
            case 9:
            {
                var other = corpus[_random.Next(corpus.Count)];
                if (other.Length == 0) break;
                var from = _random.Next(other.Length);
                var length = Math.Min(other.Length - from, 1 + _random.Next(256));
                var over = Math.Min(length, data.Count - at);
                data.RemoveRange(at, over);
                data.InsertRange(at, other.AsSpan(from, length).ToArray()); // splice
                break;
            }
            default:
                data.Add((byte)_random.Next(256));
                break;
        }
    }

    /// <summary>Mutations cluster near the start, where the header and its length fields are.</summary>
    private int Position(int count) => _random.Next(3) == 0 ? _random.Next(Math.Min(count, 128)) : _random.Next(count);

    private void WriteLength(List<byte> data, int at, int width)
    {
        if (at + width > data.Count) return;
        Span<byte> bytes = stackalloc byte[4];
        var value = InterestingLengths[_random.Next(InterestingLengths.Length)];
        if (_random.Next(3) == 0) value += (uint)(_random.Next(5) - 2);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        for (var i = 0; i < width; i++) data[at + i] = bytes[4 - width + i];
    }
}
