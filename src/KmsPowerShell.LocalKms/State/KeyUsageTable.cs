using System.Collections.Concurrent;

namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// The last usage of keys that is not yet in the state. Cryptographic operations run under the service's read lock,
/// where the state must not change, so they record their usage here (one dictionary update per key, safe between
/// readers); the next request that runs alone (under the write lock) writes it into the keys
/// (<see cref="StoredKey.LastUsage"/>) and saves that as a change of its own, as closing the service does. A crash
/// loses what was recorded since.
/// </summary>
internal sealed class KeyUsageTable
{
    /// <summary>The operations that count as usage: AWS's KeyLastUsageTrackingOperation values the local KMS answers.</summary>
    private static readonly HashSet<string> CountedOperations = new(StringComparer.Ordinal)
    {
        "Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
        "GenerateDataKeyWithoutPlaintext", "GenerateMac", "ReEncrypt", "Sign", "Verify", "VerifyMac",
        "DeriveSharedSecret", "Encapsulate", "Decapsulate",
    };

    private readonly ConcurrentDictionary<string, StoredKeyUsage> _pending = new(StringComparer.Ordinal);

    public static bool Counts(string operation) => CountedOperations.Contains(operation);

    /// <summary>Keeps the later of this usage and the one recorded for the key already.</summary>
    public void Record(string keyArn, StoredKeyUsage usage) =>
        _pending.AddOrUpdate(keyArn, usage, (_, recorded) => Later(recorded, usage));

    /// <summary>The key's last usage, recorded here or saved in the key.</summary>
    public StoredKeyUsage? LastUsage(StoredKey key) =>
        _pending.TryGetValue(key.Arn, out var pending) ? Later(key.LastUsage, pending) : key.LastUsage;

    public bool IsEmpty => _pending.IsEmpty;

    /// <summary>Writes what is recorded into the keys still there; under the write lock, inside a change.</summary>
    public void WriteTo(KmsState state)
    {
        foreach (var (arn, usage) in _pending)
        {
            if (state.Keys.TryGetValue(arn, out var key)) key.LastUsage = Later(key.LastUsage, usage);
        }
    }

    /// <summary>Forgets what is recorded, once <see cref="WriteTo"/>'s change was saved.</summary>
    public void Clear() => _pending.Clear();

    private static StoredKeyUsage Later(StoredKeyUsage? saved, StoredKeyUsage recorded) =>
        saved is not null && saved.Timestamp > recorded.Timestamp ? saved : recorded;
}
