using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Keyrings;

namespace KmsPowerShell.Fuzz;

/// <summary>
/// Answers every request with one fixed data key, so a mutated message gets past the keyring and the fuzzer reaches
/// key commitment, the header tag, the frames and the footer. No KMS.
/// </summary>
internal sealed class FixedKeyring : IKeyring
{
    public const string ProviderId = "fuzz-fixed";

    public static byte[] Key(int length) => Enumerable.Range(0, length).Select(i => (byte)(0x40 + i)).ToArray();

    public int EncryptedDataKeyCount => 1;

    public Task<DataKeyMaterials> GenerateAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext, CancellationToken cancellationToken) =>
        Task.FromResult(new DataKeyMaterials(Key(suite.KeyLength), [new EncryptedDataKey(ProviderId, "fixed"u8.ToArray(), new byte[8])]));

    public Task<DecryptedDataKey> DecryptAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext,
        IReadOnlyList<EncryptedDataKey> encryptedDataKeys, CancellationToken cancellationToken) =>
        Task.FromResult(new DecryptedDataKey(Key(suite.KeyLength), "fixed"));
}
