using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Keyrings;

namespace KmsPowerShell.Engine.Messages.Caching;

/// <summary>
/// Encryption materials kept in memory for reuse, with the semantics of the Encryption SDK's caching CMM
/// (framework/caching-cmm.md): an entry is found by the partition (the session's key set and region), the algorithm
/// suite and the encryption context, and is used only while its age, message count and byte count stay within the
/// limits once the message about to be written is counted. Signed suites are cached too, each entry with its own
/// signing key, as the specification's encryption materials carry it. Plaintext data keys and private signing keys are
/// zeroed when an entry is evicted, replaced, or the cache is disposed. One per session; thread-safe.
/// </summary>
internal sealed class DataKeyCache : IDisposable
{
    public const int DefaultCapacity = 1000;

    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _generating = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private bool _disposed;

    public DataKeyCache(TimeProvider? time = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time ?? TimeProvider.System;
        _capacity = capacity;
    }

    /// <summary>Messages that took their data key from the cache.</summary>
    public long Hits { get; private set; }

    /// <summary>Messages whose data key came from the keyring.</summary>
    public long Misses { get; private set; }

    /// <summary>For tests: called when a message starts to wait for the data key another message is generating.</summary>
    internal Action? WaitingForOthersGeneration { get; set; }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>
    /// Materials for one message of <paramref name="plaintextLength"/> bytes: a cached entry's when one is within the
    /// limits, else new ones from <paramref name="generate"/>, which are then cached (unless the message alone is over
    /// the byte limit). The caller owns and disposes what is returned; the cache keeps its own copies.
    /// </summary>
    public async Task<EncryptionMaterials> GetOrGenerateAsync(string partition, AlgorithmSuite suite, IReadOnlyDictionary<string, string> requestContext,
        long plaintextLength, DataKeyCacheLimits limits, Func<CancellationToken, Task<EncryptionMaterials>> generate, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        var id = EntryId(partition, suite, requestContext);
        while (true)
        {
            Task? othersGeneration;
            TaskCompletionSource? mine = null;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_entries.TryGetValue(id, out var entry))
                {
                    if (entry.TryUse(_time.GetUtcNow(), plaintextLength, limits))
                    {
                        Hits++;
                        return entry.Lend();
                    }
                    Evict(id);
                }
                if (!_generating.TryGetValue(id, out othersGeneration))
                {
                    Misses++;
                    mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _generating[id] = mine.Task;
                }
            }
            if (mine is not null) return await GenerateAndCacheAsync(id, mine, plaintextLength, limits, generate, cancellationToken).ConfigureAwait(false);
            // Messages encrypted at once (Protect-KmsData -ThrottleLimit) wait for the one data key being made for
            // them rather than each asking KMS for its own; then they look again.
            WaitingForOthersGeneration?.Invoke();
            await othersGeneration!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<EncryptionMaterials> GenerateAndCacheAsync(string id, TaskCompletionSource generation, long plaintextLength,
        DataKeyCacheLimits limits, Func<CancellationToken, Task<EncryptionMaterials>> generate, CancellationToken cancellationToken)
    {
        try
        {
            var materials = await generate(cancellationToken).ConfigureAwait(false);
            if (plaintextLength > limits.MaxBytes) return materials;
            lock (_gate)
            {
                if (_disposed) return materials;
                if (_entries.ContainsKey(id)) Evict(id);
                Prune(_time.GetUtcNow());
                _entries[id] = new Entry(materials, _time.GetUtcNow(), limits.MaxAge, plaintextLength);
            }
            return materials;
        }
        finally
        {
            lock (_gate) _generating.Remove(id);
            generation.SetResult();
        }
    }

    /// <summary>
    /// The specification's identifier for encryption materials with an algorithm suite:
    /// SHA512(SHA512(UTF8(partition)) + 0x01 + suite id + SHA512(serialized context)), as hex.
    /// </summary>
    internal static string EntryId(string partition, AlgorithmSuite suite, IReadOnlyDictionary<string, string> context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        hash.AppendData(SHA512.HashData(Encoding.UTF8.GetBytes(partition)));
        hash.AppendData([0x01, (byte)(suite.Id >> 8), (byte)suite.Id]);
        hash.AppendData(SHA512.HashData(EncryptionContextCodec.Serialize(context)));
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>For tests: the cached plaintext data key itself (not a copy), to see it zeroed on eviction.</summary>
    internal byte[]? PeekDataKey(string partition, AlgorithmSuite suite, IReadOnlyDictionary<string, string> context)
    {
        lock (_gate) return _entries.GetValueOrDefault(EntryId(partition, suite, context))?.DataKey;
    }

    /// <summary>Drops every entry, zeroing its keys.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var id in _entries.Keys.ToList()) Evict(id);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            foreach (var id in _entries.Keys.ToList()) Evict(id);
            _disposed = true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, _) in _entries.Where(e => now >= e.Value.ExpiresAt).ToList()) Evict(id);
        while (_entries.Count >= _capacity) Evict(_entries.MinBy(e => e.Value.CreatedAt).Key);
    }

    private void Evict(string id)
    {
        if (_entries.Remove(id, out var entry)) entry.Zero();
    }

    private sealed class Entry
    {
        private readonly IReadOnlyDictionary<string, string> _context;
        private readonly IReadOnlyList<EncryptedDataKey> _encryptedDataKeys;
        private ECParameters? _signingKey;
        private long _messages;
        private long _bytes;

        public Entry(EncryptionMaterials materials, DateTimeOffset now, TimeSpan maxAge, long firstMessageBytes)
        {
            _context = materials.EncryptionContext;
            _encryptedDataKeys = materials.EncryptedDataKeys;
            DataKey = materials.DataKey.ToArray();
            _signingKey = materials.SigningKey?.ExportParameters(includePrivateParameters: true);
            CreatedAt = now;
            ExpiresAt = now + maxAge;
            _messages = 1;
            _bytes = firstMessageBytes;
        }

        public byte[] DataKey { get; }

        public DateTimeOffset CreatedAt { get; }

        public DateTimeOffset ExpiresAt { get; }

        /// <summary>Counts one more message if, with it, the entry is within the limits (those given now and its own age).</summary>
        public bool TryUse(DateTimeOffset now, long plaintextLength, DataKeyCacheLimits limits)
        {
            if (now >= ExpiresAt || now - CreatedAt >= limits.MaxAge) return false;
            if (_messages + 1 > limits.MaxMessages) return false;
            if (plaintextLength > limits.MaxBytes - _bytes) return false;
            _messages++;
            _bytes += plaintextLength;
            return true;
        }

        public EncryptionMaterials Lend() =>
            new(_context, DataKey.ToArray(), _encryptedDataKeys, _signingKey is { } key ? ECDsa.Create(key) : null) { FromCache = true };

        public void Zero()
        {
            CryptographicOperations.ZeroMemory(DataKey);
            if (_signingKey is { D: { } d }) CryptographicOperations.ZeroMemory(d);
            _signingKey = null;
        }
    }
}
