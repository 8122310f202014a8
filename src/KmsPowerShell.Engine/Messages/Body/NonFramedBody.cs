using System.Buffers.Binary;
using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// The legacy single-block body: IV, 8-byte length, content, tag. AES-GCM here is one-shot, so the whole content is
/// held in memory; the buffer grows with the bytes that actually arrive, never with the length the message claims.
/// Writing it is for tests only: the specification forbids encrypting non-framed messages.
/// </summary>
internal static class NonFramedBody
{
    /// <summary>The specification's bound, 2^36 - 32 bytes.</summary>
    private const long FormatLimit = (1L << 36) - 32;

    public static long Encrypt(BodyContext context)
    {
        using var plaintext = new MemoryStream();
        Span<byte> chunk = stackalloc byte[8192];
        int read;
        while ((read = context.Input.ReadAtMost(chunk)) > 0) plaintext.Write(chunk[..read]);
        var content = plaintext.ToArray();
        var block = new byte[AlgorithmSuiteIv + 8 + content.Length + 16];
        FrameIv.Write(block.AsSpan(0, 12), 1);
        BinaryPrimitives.WriteInt64BigEndian(block.AsSpan(12), content.Length);
        var aad = new BodyAad(context.MessageId, BodyAad.SingleBlockString).For(1, content.Length);
        context.Aes.Encrypt(block.AsSpan(0, 12), content, block.AsSpan(20, content.Length), block.AsSpan(20 + content.Length, 16), aad);
        CryptographicOperations.ZeroMemory(content);
        context.Hash?.AppendData(block);
        context.Output.Write(block);
        return content.Length;
    }

    public static long Decrypt(BodyContext context)
    {
        var head = new byte[AlgorithmSuiteIv + 8];
        context.Input.ReadExactly(head);
        var length = BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(12));
        if (length > FormatLimit) throw MessageErrors.Malformed($"the body claims {length} bytes, more than the format allows.");
        if (length > (ulong)Array.MaxLength)
        {
            throw new KmsMessageException(KmsMessageProblem.MessageTooLarge,
                $"The non-framed body holds {length} bytes; this implementation reads non-framed bodies up to {Array.MaxLength} bytes.");
        }
        var content = ReadGrowing(context, (int)length);
        try
        {
            var tag = new byte[16];
            context.Input.ReadExactly(tag);
            context.Hash?.AppendData(head);
            context.Hash?.AppendData(content);
            context.Hash?.AppendData(tag);
            var aad = new BodyAad(context.MessageId, BodyAad.SingleBlockString).For(1, (long)length);
            try
            {
                context.Aes.Decrypt(head.AsSpan(0, 12), content, tag, content, aad);
            }
            catch (CryptographicException e)
            {
                throw MessageErrors.Tampered("the body", e);
            }
            context.Output.Write(content);
            context.Progress(head.Length + content.Length + tag.Length);
            return content.Length;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    private const int AlgorithmSuiteIv = 12;

    private static byte[] ReadGrowing(BodyContext context, int length)
    {
        var buffer = new byte[Math.Min(length, 1 << 20)];
        var filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
            {
                var larger = new byte[(int)Math.Min(length, (long)buffer.Length * 2)];
                buffer.CopyTo(larger, 0);
                CryptographicOperations.ZeroMemory(buffer);
                buffer = larger;
            }
            context.CancellationToken.ThrowIfCancellationRequested();
            var read = context.Input.ReadAtMost(buffer.AsSpan(filled, Math.Min(buffer.Length - filled, 1 << 20)));
            if (read == 0) throw MessageErrors.Truncated();
            filled += read;
        }
        return buffer;
    }
}
