using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Io;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>What every body stage of one message shares.</summary>
internal sealed record BodyContext(
    MessageInput Input,
    Stream Output,
    AesGcm Aes,
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
}
