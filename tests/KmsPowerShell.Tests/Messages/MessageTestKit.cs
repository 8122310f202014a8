using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Tests.Messages;

/// <summary>Encrypts and decrypts in memory with the test keyring, in any suite and layout the reader must accept.</summary>
internal static class MessageTestKit
{
    public static readonly KmsAlgorithmSuite[] AllSuites = Enum.GetValues<KmsAlgorithmSuite>();

    public static byte[] Plaintext(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static EncryptSettings Settings(KmsAlgorithmSuite suite, int frameLength = 4096, IReadOnlyDictionary<string, string>? context = null, bool framed = true) =>
        new(AlgorithmSuite.Of(suite), frameLength, context ?? new Dictionary<string, string>(),
            AlgorithmSuite.Of(suite).IsCommitting ? KmsCommitmentPolicy.RequireEncryptRequireDecrypt : KmsCommitmentPolicy.ForbidEncryptAllowDecrypt,
            null, framed);

    public static async Task<byte[]> EncryptAsync(byte[] plaintext, EncryptSettings settings, TestKeyring? keyring = null)
    {
        using var output = new MemoryStream();
        await MessageEncryptor.EncryptAsync(new MemoryStream(plaintext), output, keyring ?? new TestKeyring(), settings, null, CancellationToken.None);
        return output.ToArray();
    }

    public static async Task<(byte[] Plaintext, KmsMessageInfo Info)> DecryptAsync(byte[] message, DecryptSettings? settings = null, TestKeyring? keyring = null)
    {
        using var output = new MemoryStream();
        var info = await MessageDecryptor.DecryptAsync(new MemoryStream(message), output, keyring ?? new TestKeyring(),
            settings ?? new DecryptSettings(KmsCommitmentPolicy.RequireEncryptAllowDecrypt), null, CancellationToken.None);
        return (output.ToArray(), info);
    }

    /// <summary>A crypto facade over the test keyring, for the file-level APIs.</summary>
    public static KmsMessageCrypto Crypto(TestKeyring? keyring = null) => new(_ => keyring ?? new TestKeyring(), _ => keyring ?? new TestKeyring());
}
