using Org.BouncyCastle.Security;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>A random source that gives fixed bytes, over and over: the message m of ML-KEM.Encaps in known-answer tests.</summary>
internal sealed class FixedRandom(byte[] bytes) : SecureRandom
{
    private int _used;

    public override void NextBytes(byte[] buffer) => NextBytes(buffer, 0, buffer.Length);

    public override void NextBytes(byte[] buffer, int start, int length) => NextBytes(buffer.AsSpan(start, length));

    public override void NextBytes(Span<byte> buffer)
    {
        bytes.AsSpan(_used % bytes.Length, buffer.Length).CopyTo(buffer);
        _used += buffer.Length;
    }
}
