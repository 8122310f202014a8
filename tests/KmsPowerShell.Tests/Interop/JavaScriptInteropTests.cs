using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Tests.Backends;
using KmsPowerShell.Tests.Messages;

namespace KmsPowerShell.Tests.Interop;

/// <summary>
/// Messages cross between this engine and the AWS Encryption SDK for JavaScript in both directions: both writable
/// suites, frame lengths 1, 4096 and 1 MiB, empty input, exactly one frame, several frames with a partial last one,
/// a Unicode encryption context and two wrapping keys (decrypted with the second key alone).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class JavaScriptInteropTests(MotoServer moto) : IDisposable
{
    private static readonly Dictionary<string, string> Context = new() { ["purpose"] = "interop", ["名前"] = "値 😀", ["ключ"] = "значение" };

    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-interop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed record Case(string Name, KmsAlgorithmSuite Suite, int FrameLength, byte[] Plaintext);

    private static IEnumerable<Case> Cases()
    {
        foreach (var suite in new[] { KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey })
        {
            foreach (var frame in new[] { 1, 4096, 1 << 20 })
            {
                foreach (var length in new[] { 0, frame, 2 * frame + Math.Max(1, frame / 2) }.Distinct())
                {
                    yield return new Case($"{(int)suite:x4}-{frame}-{length}", suite, frame, MessageTestKit.Plaintext(length, length + frame));
                }
            }
        }
    }

    [InteropFact]
    public async Task JavaScriptDecrypts_OurMessages_ByteIdentical()
    {
        var (first, second) = (await moto.CreateKeyAsync(), await moto.CreateKeyAsync());
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);
        var cases = Cases().ToList();
        foreach (var c in cases)
        {
            await File.WriteAllBytesAsync(PathOf(c, "plain"), c.Plaintext);
            await crypto.EncryptFileAsync(PathOf(c, "plain"), PathOf(c, "ours"), new KmsEncryptOptions
            {
                KeyIds = [first, second], AlgorithmSuite = c.Suite, FrameLength = c.FrameLength, EncryptionContext = Context,
            });
        }

        var results = await JavaScriptEsdk.RunAsync(moto, cases.Select((c, i) => (object)new
        {
            op = "decrypt", input = PathOf(c, "ours"), output = PathOf(c, "js-plain"),
            keyIds = i % 2 == 0 ? new[] { second } : [], discovery = i % 2 == 1,
        }), _folder);

        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            Assert.True((bool)results[i]!["ok"]!, $"{c.Name}: {results[i]!["error"]}");
            Assert.Equal(c.Plaintext, await File.ReadAllBytesAsync(PathOf(c, "js-plain")));
            Assert.Equal((int)c.Suite, (int)results[i]!["suite"]!);
            Assert.Equal(c.FrameLength, (int)results[i]!["frameLength"]!);
            foreach (var (key, value) in Context) Assert.Equal(value, (string)results[i]!["context"]![key]!);
        }
    }

    [InteropFact]
    public async Task WeDecrypt_JavaScriptMessages_ByteIdentical()
    {
        var (first, second) = (await moto.CreateKeyAsync(), await moto.CreateKeyAsync());
        var cases = Cases().ToList();
        foreach (var c in cases) await File.WriteAllBytesAsync(PathOf(c, "plain"), c.Plaintext);

        var results = await JavaScriptEsdk.RunAsync(moto, cases.Select(c => (object)new
        {
            op = "encrypt", input = PathOf(c, "plain"), output = PathOf(c, "js"), keyIds = new[] { first, second },
            suite = $"{(int)c.Suite:x4}", frameLength = c.FrameLength, context = Context,
        }), _folder);

        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            Assert.True((bool)results[i]!["ok"]!, $"{c.Name}: {results[i]!["error"]}");
            var info = await crypto.DecryptFileAsync(PathOf(c, "js"), PathOf(c, "back"), new KmsDecryptOptions
            {
                KeyIds = [second], RequiredEncryptionContext = Context,
            });
            Assert.Equal(c.Plaintext, await File.ReadAllBytesAsync(PathOf(c, "back")));
            Assert.Equal(c.Suite, info.AlgorithmSuite);
            Assert.Equal(c.FrameLength, info.FrameLength);
            Assert.Equal([first, second], info.KeyArns);
        }
    }

    [InteropFact]
    public async Task JavaScriptDecrypts_MessagesWrittenWithCachedDataKey()
    {
        var key = await moto.CreateKeyAsync();
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);
        var jobs = new List<object>();
        var plaintexts = new List<byte[]>();
        var outputs = new List<string>();
        foreach (var suite in new[] { KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey })
        {
            for (var i = 0; i < 3; i++)
            {
                var name = Path.Combine(_folder, $"cached-{(int)suite:x4}-{i}");
                var plaintext = MessageTestKit.Plaintext(1000 + i, i);
                plaintexts.Add(plaintext);
                await File.WriteAllBytesAsync(name + ".plain", plaintext);
                var info = await crypto.EncryptFileAsync(name + ".plain", name + ".ours", new KmsEncryptOptions
                {
                    KeyIds = [key], AlgorithmSuite = suite, EncryptionContext = Context,
                    DataKeyCache = new Engine.Messages.Caching.DataKeyCacheLimits(TimeSpan.FromMinutes(5)),
                });
                Assert.Equal(i > 0, info.DataKeyFromCache);
                outputs.Add(name + ".js-plain");
                jobs.Add(new { op = "decrypt", input = name + ".ours", output = outputs[^1], keyIds = new[] { key } });
            }
        }

        var results = await JavaScriptEsdk.RunAsync(moto, jobs, _folder);

        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.True((bool)results[i]!["ok"]!, $"job {i}: {results[i]!["error"]}");
            Assert.Equal(plaintexts[i], await File.ReadAllBytesAsync(outputs[i]));
        }
    }

    private string PathOf(Case c, string kind) => Path.Combine(_folder, $"{c.Name}.{kind}");
}
