using System.Buffers;
using System.Security.Cryptography;

namespace KmsPowerShell;

/// <summary>Hashes a file of any size while streaming it, with bounded memory, reporting progress as it goes.</summary>
internal static class FileDigest
{
    private const int ChunkBytes = 1 << 20;

    public static byte[] Compute(string path, HashAlgorithmName hash, Action<long, long> progress, CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.SequentialScan);
        using var digest = IncrementalHash.CreateHash(hash);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long done = 0;
            int read;
            while ((read = stream.Read(buffer, 0, ChunkBytes)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                digest.AppendData(buffer, 0, read);
                done += read;
                progress(done, stream.Length);
            }
            return digest.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
