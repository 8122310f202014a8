using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Engine.Messages.Primitives;

/// <summary>
/// The AES key of one message, derived from its data key as the suite says, and the commit key for committing
/// suites. Both are zeroed on Dispose.
/// </summary>
internal sealed class DerivedKeys : IDisposable
{
    private static readonly byte[] DeriveKeyLabel = Encoding.UTF8.GetBytes("DERIVEKEY");
    private static readonly byte[] CommitKeyLabel = Encoding.UTF8.GetBytes("COMMITKEY");

    private DerivedKeys(byte[] encryptionKey, byte[] commitKey)
    {
        EncryptionKey = encryptionKey;
        CommitKey = commitKey;
    }

    public byte[] EncryptionKey { get; }

    /// <summary>Empty for suites without key commitment.</summary>
    public byte[] CommitKey { get; }

    public static DerivedKeys Derive(AlgorithmSuite suite, ReadOnlySpan<byte> dataKey, byte[] messageId)
    {
        if (dataKey.Length != suite.KeyLength) throw new CryptographicException($"The data key has {dataKey.Length} bytes; suite {suite} needs {suite.KeyLength}.");
        if (suite.KdfHash is not { } hash) return new DerivedKeys(dataKey.ToArray(), []);

        Span<byte> suiteId = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(suiteId, suite.Id);
        var encryptionKey = new byte[suite.KeyLength];
        if (!suite.IsCommitting)
        {
            // No salt (HKDF then uses zeros); info = suite id || message id.
            HKDF.DeriveKey(hash, dataKey, encryptionKey, salt: [], info: [.. suiteId, .. messageId]);
            return new DerivedKeys(encryptionKey, []);
        }

        // One extract with the message id as salt, two expands.
        Span<byte> prk = stackalloc byte[64];
        var prkLength = HKDF.Extract(hash, dataKey, messageId, prk);
        try
        {
            HKDF.Expand(hash, prk[..prkLength], encryptionKey, [.. suiteId, .. DeriveKeyLabel]);
            var commitKey = new byte[AlgorithmSuite.CommitKeyLength];
            HKDF.Expand(hash, prk[..prkLength], commitKey, CommitKeyLabel);
            return new DerivedKeys(encryptionKey, commitKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(EncryptionKey);
        CryptographicOperations.ZeroMemory(CommitKey);
    }
}
