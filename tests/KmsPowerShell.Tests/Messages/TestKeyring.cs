using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Keyrings;

namespace KmsPowerShell.Tests.Messages;

/// <summary>
/// A keyring without KMS for format tests: wraps the data key with AES-GCM under fixed keys, the encryption context as
/// AAD. Counts decrypt calls so tests can prove a check happened before any key was touched.
/// </summary>
internal sealed class TestKeyring(int keys = 1) : IKeyring
{
    public const string ProviderId = "test-raw";

    private static readonly byte[] WrappingKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public int DecryptCalls { get; private set; }

    public int GenerateCalls { get; private set; }

    public int EncryptedDataKeyCount => keys;

    public Task<DataKeyMaterials> GenerateAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext, CancellationToken cancellationToken)
    {
        GenerateCalls++;
        var dataKey = RandomNumberGenerator.GetBytes(suite.KeyLength);
        var aad = EncryptionContextCodec.Serialize(encryptionContext);
        var edks = Enumerable.Range(0, keys).Select(i => Wrap(dataKey, aad, $"key-{i}")).ToList();
        return Task.FromResult(new DataKeyMaterials(dataKey, edks));
    }

    public Task<DecryptedDataKey> DecryptAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext,
        IReadOnlyList<EncryptedDataKey> encryptedDataKeys, CancellationToken cancellationToken)
    {
        DecryptCalls++;
        var aad = EncryptionContextCodec.Serialize(encryptionContext);
        foreach (var edk in encryptedDataKeys.Where(k => k.ProviderId == ProviderId && k.Ciphertext.Length == 12 + 16 + suite.KeyLength))
        {
            using var aes = new AesGcm(WrappingKey, 16);
            var key = new byte[suite.KeyLength];
            try
            {
                aes.Decrypt(edk.Ciphertext.AsSpan(0, 12), edk.Ciphertext.AsSpan(28), edk.Ciphertext.AsSpan(12, 16), key, aad);
                return Task.FromResult(new DecryptedDataKey(key, Encoding.UTF8.GetString(edk.ProviderInfo)));
            }
            catch (CryptographicException)
            {
            }
        }
        throw new KmsMessageException(KmsMessageProblem.NoDecryptableKey, "The test keyring could not unwrap any data key.");
    }

    private static EncryptedDataKey Wrap(byte[] dataKey, byte[] aad, string name)
    {
        using var aes = new AesGcm(WrappingKey, 16);
        var blob = new byte[12 + 16 + dataKey.Length];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 12));
        aes.Encrypt(blob.AsSpan(0, 12), dataKey, blob.AsSpan(28), blob.AsSpan(12, 16), aad);
        return new EncryptedDataKey(ProviderId, Encoding.UTF8.GetBytes(name), blob);
    }
}
