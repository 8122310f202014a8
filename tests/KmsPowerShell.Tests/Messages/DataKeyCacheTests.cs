using KmsPowerShell.LocalKms;
using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Caching;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Tests.Messages;

/// <summary>
/// The data key cache follows the caching CMM: an entry serves messages of the same key set, suite and context while
/// its age, message count and byte count stay within the limits; evicted keys are zeroed; every message decrypts.
/// </summary>
public sealed class DataKeyCacheTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly LocalKmsClock _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DataKeyCache _cache;
    private readonly TestKeyring _keyring = new();
    private readonly KmsMessageCrypto _crypto;

    public DataKeyCacheTests()
    {
        _cache = new DataKeyCache(_clock);
        _crypto = new KmsMessageCrypto(_ => _keyring, _ => _keyring, _cache, "us-east-1");
    }

    public void Dispose() => _cache.Dispose();

    private static KmsEncryptOptions Options(DataKeyCacheLimits? limits, KmsAlgorithmSuite suite = KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey,
        Dictionary<string, string>? context = null, string key = "key-1") => new()
    {
        KeyIds = [key], AlgorithmSuite = suite, EncryptionContext = context ?? new Dictionary<string, string> { ["purpose"] = "cache" }, DataKeyCache = limits,
    };

    private async Task<KmsMessageBytes> EncryptAsync(int length, KmsEncryptOptions options)
    {
        var plaintext = MessageTestKit.Plaintext(length, length + 1);
        var message = await _crypto.EncryptBytesAsync(plaintext, options);
        var back = await _crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { KeyIds = ["key-1"] });
        Assert.Equal(plaintext, back.Bytes);
        return message;
    }

    [Theory]
    [InlineData(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey)]
    [InlineData(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384)]
    public async Task Encrypt_ManyMessagesWithinLimits_OneDataKeyAndEveryMessageDecrypts(KmsAlgorithmSuite suite)
    {
        var options = Options(new DataKeyCacheLimits(Minute), suite);
        var messages = new List<KmsMessageBytes>();
        for (var i = 0; i < 20; i++) messages.Add(await EncryptAsync(100 + i, options));

        Assert.Equal(1, _keyring.GenerateCalls);
        Assert.Equal(19, _cache.Hits);
        Assert.False(messages[0].Info.DataKeyFromCache);
        Assert.All(messages.Skip(1), m => Assert.True(m.Info.DataKeyFromCache));
        Assert.Equal(20, messages.Select(m => m.Info.MessageId).Distinct().Count());
        // A signed suite reuses the entry's signing key, so its verification key is the same in every message.
        var publicKeys = messages.Select(m => m.Info.EncryptionContext.GetValueOrDefault(EncryptionContextCodec.PublicKeyName)).Distinct().ToList();
        Assert.Single(publicKeys);
    }

    [Fact]
    public async Task Encrypt_WithoutCacheOption_AsksKeyringForEveryMessage()
    {
        for (var i = 0; i < 3; i++) await EncryptAsync(10, Options(null));
        Assert.Equal(3, _keyring.GenerateCalls);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Encrypt_AfterMaxAge_MakesNewDataKey()
    {
        var options = Options(new DataKeyCacheLimits(Minute));
        await EncryptAsync(10, options);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await EncryptAsync(10, options);
        Assert.Equal(1, _keyring.GenerateCalls);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var late = await EncryptAsync(10, options);
        Assert.Equal(2, _keyring.GenerateCalls);
        Assert.False(late.Info.DataKeyFromCache);
    }

    [Fact]
    public async Task Encrypt_ShorterMaxAgeGivenLater_AppliesToExistingEntry()
    {
        await EncryptAsync(10, Options(new DataKeyCacheLimits(TimeSpan.FromHours(1))));
        _clock.Advance(TimeSpan.FromSeconds(30));
        await EncryptAsync(10, Options(new DataKeyCacheLimits(TimeSpan.FromSeconds(10))));
        Assert.Equal(2, _keyring.GenerateCalls);
    }

    [Fact]
    public async Task Encrypt_MaxMessages_EachKeyEncryptsAtMostThatMany()
    {
        var options = Options(new DataKeyCacheLimits(Minute, maxMessages: 3));
        for (var i = 0; i < 10; i++) await EncryptAsync(10, options);
        // 3 + 3 + 3 + 1 messages.
        Assert.Equal(4, _keyring.GenerateCalls);
    }

    [Fact]
    public async Task Encrypt_MaxBytes_CountsPlaintextOfEveryMessage()
    {
        var options = Options(new DataKeyCacheLimits(Minute, maxBytes: 250));
        await EncryptAsync(100, options);
        await EncryptAsync(100, options);
        Assert.Equal(1, _keyring.GenerateCalls);
        await EncryptAsync(100, options); // 300 > 250: a new key
        Assert.Equal(2, _keyring.GenerateCalls);
    }

    [Fact]
    public async Task Encrypt_MessageLargerThanMaxBytes_IsNeverCached()
    {
        var options = Options(new DataKeyCacheLimits(Minute, maxBytes: 50));
        await EncryptAsync(100, options);
        await EncryptAsync(100, options);
        Assert.Equal(2, _keyring.GenerateCalls);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Encrypt_DifferentContextSuiteOrKeys_NeverShareADataKey()
    {
        var limits = new DataKeyCacheLimits(Minute);
        await EncryptAsync(10, Options(limits, context: new() { ["tenant"] = "a" }));
        await EncryptAsync(10, Options(limits, context: new() { ["tenant"] = "b" }));
        await EncryptAsync(10, Options(limits, KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, context: new() { ["tenant"] = "a" }));
        await _crypto.EncryptBytesAsync(new byte[10], Options(limits, context: new() { ["tenant"] = "a" }, key: "key-2"));
        Assert.Equal(4, _keyring.GenerateCalls);
        await EncryptAsync(10, Options(limits, context: new() { ["tenant"] = "a" }));
        Assert.Equal(4, _keyring.GenerateCalls);
    }

    [Fact]
    public async Task Encrypt_StreamOfUnknownLength_BypassesCache()
    {
        var options = Options(new DataKeyCacheLimits(Minute));
        for (var i = 0; i < 2; i++)
        {
            using var output = new MemoryStream();
            await _crypto.EncryptAsync(new NonSeekableStream(new byte[100]), output, options);
        }
        Assert.Equal(2, _keyring.GenerateCalls);
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task Evict_ZeroesThePlaintextDataKey()
    {
        var options = Options(new DataKeyCacheLimits(Minute, maxMessages: 1));
        var suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        var partition = "kmsps-keys\nus-east-1\nkey-1";
        await EncryptAsync(10, options);
        var cached = _cache.PeekDataKey(partition, suite, options.EncryptionContext);
        Assert.NotNull(cached);
        Assert.Contains(cached, b => b != 0);

        await EncryptAsync(10, options); // over the message limit: evicted, replaced
        Assert.All(cached, b => Assert.Equal(0, b));
        var replacement = _cache.PeekDataKey(partition, suite, options.EncryptionContext)!;
        Assert.NotSame(cached, replacement);

        _cache.Dispose();
        Assert.All(replacement, b => Assert.Equal(0, b));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _crypto.EncryptBytesAsync(new byte[1], options));
    }

    [Fact]
    public async Task Evict_ExpiredEntries_ZeroedWhenOthersAreAdded()
    {
        var suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        var first = Options(new DataKeyCacheLimits(Minute), context: new() { ["n"] = "1" });
        await EncryptAsync(10, first);
        var cached = _cache.PeekDataKey("kmsps-keys\nus-east-1\nkey-1", suite, first.EncryptionContext)!;
        _clock.Advance(TimeSpan.FromMinutes(2));
        await EncryptAsync(10, Options(new DataKeyCacheLimits(Minute), context: new() { ["n"] = "2" }));
        Assert.All(cached, b => Assert.Equal(0, b));
        Assert.Equal(1, _cache.Count);
    }

    [Fact]
    public async Task Capacity_BoundsEntries()
    {
        using var cache = new DataKeyCache(_clock, capacity: 2);
        var suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        for (var i = 0; i < 5; i++)
        {
            var context = new Dictionary<string, string> { ["n"] = i.ToString() };
            using var materials = await cache.GetOrGenerateAsync("p", suite, context, 1, new DataKeyCacheLimits(Minute),
                ct => Engine.Messages.Keyrings.EncryptionMaterials.GenerateAsync(new TestKeyring(), suite, context, ct), default);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task ConcurrentMisses_ForOneEntry_AskTheKeyringOnce()
    {
        var suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        var context = new Dictionary<string, string> { ["purpose"] = "bulk" };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allOthersWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        _cache.WaitingForOthersGeneration = () =>
        {
            if (Interlocked.Increment(ref waiting) == 7) allOthersWaiting.SetResult();
        };
        var generations = 0;
        async Task<Engine.Messages.Keyrings.EncryptionMaterials> Generate(CancellationToken ct)
        {
            Interlocked.Increment(ref generations);
            await release.Task;
            return await Engine.Messages.Keyrings.EncryptionMaterials.GenerateAsync(_keyring, suite, context, ct);
        }

        var messages = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => _cache.GetOrGenerateAsync("p", suite, context, 10, new DataKeyCacheLimits(Minute), Generate, default)))
            .ToList();
        // Only once the other seven wait on the one generation does it finish: none of them can find a cached entry.
        await allOthersWaiting.Task.WaitAsync(TimeSpan.FromMinutes(1));
        release.SetResult();
        var materials = await Task.WhenAll(messages);

        Assert.Equal(1, generations);
        Assert.Equal(7, waiting);
        Assert.Equal(7, _cache.Hits);
        Assert.Single(materials.Select(m => Convert.ToHexString(m.DataKey)).Distinct());
        foreach (var m in materials) m.Dispose();
    }

    [Fact]
    public async Task FailedGeneration_LetsTheWaitingMessageGenerateItsOwn()
    {
        var suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        var context = new Dictionary<string, string> { ["purpose"] = "bulk" };
        var firstGenerating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cache.WaitingForOthersGeneration = () => secondWaiting.TrySetResult();
        var generations = 0;
        async Task<Engine.Messages.Keyrings.EncryptionMaterials> Generate(CancellationToken ct)
        {
            if (Interlocked.Increment(ref generations) == 1)
            {
                firstGenerating.SetResult();
                await release.Task;
                throw new KmsServiceException("ThrottlingException", "Rate exceeded", 400, null, null);
            }
            return await Engine.Messages.Keyrings.EncryptionMaterials.GenerateAsync(_keyring, suite, context, ct);
        }

        var first = Task.Run(() => _cache.GetOrGenerateAsync("p", suite, context, 10, new DataKeyCacheLimits(Minute), Generate, default));
        await firstGenerating.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var second = Task.Run(() => _cache.GetOrGenerateAsync("p", suite, context, 10, new DataKeyCacheLimits(Minute), Generate, default));
        // The second message waits on the first one's generation before that fails, so it is the failure it outlives.
        await secondWaiting.Task.WaitAsync(TimeSpan.FromMinutes(1));
        release.SetResult();

        await Assert.ThrowsAsync<KmsServiceException>(() => first);
        using var materials = await second;
        Assert.Equal(2, generations);
        Assert.Equal(1, _cache.Count);
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(-1, 1, 0)]
    [InlineData(60, 0, 0)]
    [InlineData(60, (1L << 32) + 1, 0)]
    [InlineData(60, 1, -1)]
    public void Limits_OutOfRange_Refused(int seconds, long messages, long bytes)
    {
        Assert.Throws<KmsArgumentException>(() => new DataKeyCacheLimits(TimeSpan.FromSeconds(seconds), messages, bytes));
    }

    [Fact]
    public void EntryId_FollowsSpecificationFormula()
    {
        var suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        var context = new Dictionary<string, string> { ["a"] = "b" };
        var expected = System.Security.Cryptography.SHA512.HashData(
            System.Security.Cryptography.SHA512.HashData("p"u8).Concat(new byte[] { 1, 0x04, 0x78 })
                .Concat(System.Security.Cryptography.SHA512.HashData(EncryptionContextCodec.Serialize(context))).ToArray());
        Assert.Equal(Convert.ToHexString(expected), DataKeyCache.EntryId("p", suite, context));
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
