using System.Security.Cryptography;

namespace KmsPowerShell.Engine.Encryption;

/// <summary>Moves secrets in and out of the MemoryStreams the SDK uses, zeroing every copy we make.</summary>
internal static class SecretBuffer
{
    /// <summary>A stream over a copy of <paramref name="bytes"/>; zero it with <see cref="Zero"/> after the call.</summary>
    public static MemoryStream In(byte[] bytes)
    {
        var copy = new byte[bytes.Length];
        bytes.CopyTo(copy, 0);
        return new MemoryStream(copy, 0, copy.Length, writable: false, publiclyVisible: true);
    }

    /// <summary>The bytes of a response stream; the stream's own buffer is zeroed.</summary>
    public static byte[] Out(MemoryStream? stream)
    {
        if (stream is null) return [];
        var bytes = stream.ToArray();
        Zero(stream);
        return bytes;
    }

    public static void Zero(MemoryStream? stream)
    {
        if (stream is not null && stream.TryGetBuffer(out var buffer)) CryptographicOperations.ZeroMemory(buffer.AsSpan());
        stream?.Dispose();
    }
}
