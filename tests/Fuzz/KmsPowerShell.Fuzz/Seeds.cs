using KmsPowerShell;
using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Fuzz;

/// <summary>Valid inputs to mutate: messages of every suite, framed (several frame lengths) and non-framed, and encoded contexts.</summary>
internal static class Seeds
{
    private static readonly Dictionary<string, string>[] Contexts =
    [
        new(),
        new() { ["purpose"] = "fuzz" },
        new() { ["a"] = "1", ["名前"] = "値 😀", ["empty"] = "" },
    ];

    public static async Task<List<byte[]>> MessagesAsync()
    {
        var seeds = new List<byte[]>();
        var keyring = new FixedKeyring();
        foreach (var suite in Enum.GetValues<KmsAlgorithmSuite>())
        {
            var algorithm = AlgorithmSuite.Of(suite);
            var policy = algorithm.IsCommitting ? KmsCommitmentPolicy.RequireEncryptRequireDecrypt : KmsCommitmentPolicy.ForbidEncryptAllowDecrypt;
            foreach (var (framed, frame, length, context) in new[]
            {
                (true, 1, 3, 0), (true, 64, 0, 1), (true, 64, 200, 2), (true, 4096, 5000, 1), (false, 4096, 0, 0), (false, 4096, 300, 2),
            })
            {
                var plaintext = new byte[length];
                new Random(length).NextBytes(plaintext);
                using var output = new MemoryStream();
                await MessageEncryptor.EncryptAsync(new MemoryStream(plaintext), output, keyring,
                    new EncryptSettings(algorithm, frame, Contexts[context], policy, null, framed), null, CancellationToken.None);
                seeds.Add(output.ToArray());
            }
        }
        return seeds;
    }

    public static List<byte[]> EncodedContexts() => Contexts.Select(EncryptionContextCodec.Serialize).Where(b => b.Length > 0).ToList();
}
