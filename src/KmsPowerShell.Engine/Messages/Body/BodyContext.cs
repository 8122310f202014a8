using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Io;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// What every body stage of one message shares. <see cref="SecondAes"/>, a second cipher under the same key, lets
/// framed bodies seal or open two halves of a batch at once.
/// </summary>
internal sealed record BodyContext(
    MessageInput Input,
    Stream Output,
    AesGcm Aes,
    AesGcm? SecondAes,
    byte[] MessageId,
    IncrementalHash? Hash,
    Action<long> Progress,
    CancellationToken CancellationToken)
{
    public void HashBytes(NativeBuffer buffer, long length)
    {
        if (Hash is { } hash) buffer.ForEachChunk(0, length, span => hash.AppendData(span));
    }

    public void WriteBytes(NativeBuffer buffer, long length) => buffer.ForEachChunk(0, length, span => Output.Write(span));

    /// <summary>A second cipher for framed bodies when the machine has a second core to run it on; null otherwise.</summary>
    public static AesGcm? SecondCipher(bool framed, byte[] encryptionKey) =>
        framed && Environment.ProcessorCount > 1 ? new AesGcm(encryptionKey, AlgorithmSuite.TagLength) : null;
}
