using Org.BouncyCastle.Crypto;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The digest for SM2DSA with MessageType DIGEST, where the caller gives e = SM3(Z || M) itself: BouncyCastle's SM2Signer
/// feeds its digest Z and then the message, and signs what the digest returns, so this one returns the last 32 bytes it
/// was given: the caller's e, which is the message. No hashing happens here.
/// </summary>
internal sealed class Sm2PrecomputedDigest : IDigest
{
    private const int Size = 32;
    private readonly byte[] _last = new byte[Size];
    private int _count;

    public string AlgorithmName => "SM3(precomputed)";

    public int GetDigestSize() => Size;

    public int GetByteLength() => 64;

    public void Update(byte input)
    {
        Buffer.BlockCopy(_last, 1, _last, 0, Size - 1);
        _last[Size - 1] = input;
        _count++;
    }

    public void BlockUpdate(byte[] input, int inOff, int inLen) => BlockUpdate(input.AsSpan(inOff, inLen));

    public void BlockUpdate(ReadOnlySpan<byte> input)
    {
        foreach (var b in input) Update(b);
    }

    public int DoFinal(byte[] output, int outOff) => DoFinal(output.AsSpan(outOff));

    public int DoFinal(Span<byte> output)
    {
        if (_count < Size) throw new InvalidOperationException("An SM2 digest is 32 bytes.");
        _last.CopyTo(output);
        Reset();
        return Size;
    }

    public void Reset()
    {
        Array.Clear(_last);
        _count = 0;
    }
}
