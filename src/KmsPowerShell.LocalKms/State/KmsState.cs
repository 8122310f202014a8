using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// Everything the local KMS knows; the state file's snapshot is this, serialised whole, and its journal the changes
/// since (see <see cref="StateMap{T}"/>). Guarded by the service's lock.
/// </summary>
internal sealed class KmsState
{
    public int FormatVersion { get; set; } = 1;

    /// <summary>The journal that continues this snapshot: a journal of another generation is older and ignored.</summary>
    public long JournalGeneration { get; set; }

    /// <summary>Keys by key ARN.</summary>
    public StateMap<StoredKey> Keys { get; set; } = new();

    /// <summary>Aliases by alias ARN.</summary>
    public StateMap<StoredAlias> Aliases { get; set; } = new();

    public StateMap<StoredGrant> Grants { get; set; } = new();

    /// <summary>Every grant token issued, to the grant it names; kept after the grant goes, as AWS still accepts the token.</summary>
    public StateMap<string> GrantTokens { get; set; } = new();

    /// <summary>Principals added to the local KMS, by principal ARN (the default principal is not here).</summary>
    public StateMap<StoredPrincipal> Principals { get; set; } = new();

    /// <summary>The clock offset and faults, in one entry (<see cref="StoredSettings.Id"/>); absent until first set.</summary>
    public StateMap<StoredSettings> Settings { get; set; } = new();

    /// <summary>Custom key stores by <see cref="StoredCustomKeyStore.Id"/>; state files older than them load with none.</summary>
    public StateMap<StoredCustomKeyStore> CustomKeyStores { get; set; } = new();

    /// <summary>
    /// Since when last usage is recorded (GetKeyLastUsage's TrackingStartDate, or the key's creation if later): set when
    /// a state that lacks it is opened (a new one, or one saved before the local KMS recorded usage); saved with the snapshot.
    /// </summary>
    public DateTimeOffset? UsageTrackingStartDate { get; set; }

    /// <summary>Signs paging markers so a made-up or edited marker is refused.</summary>
    public byte[] MarkerSecret { get; set; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Seals import tokens, which carry their wrapping private key (see <see cref="KeyMaterial.ImportTokenCodec"/>).</summary>
    public byte[] ImportTokenSecret { get; set; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The collections a change can touch, by the name the snapshot and the journal give them.</summary>
    [JsonIgnore]
    public IReadOnlyList<(string Name, IStateMap Map)> Maps =>
        [
            (nameof(Keys), Keys), (nameof(Aliases), Aliases), (nameof(Grants), Grants), (nameof(GrantTokens), GrantTokens),
            (nameof(Principals), Principals), (nameof(Settings), Settings),
            (nameof(CustomKeyStores), CustomKeyStores),
        ];

    /// <summary>Every region's copy of a multi-Region key; each is marked as possibly changing (callers change them).</summary>
    public IEnumerable<StoredKey> CopiesOf(StoredKey key)
    {
        foreach (var copy in Keys.Values.Where(k => IsCopy(k, key)))
        {
            Keys.Touch(copy.Arn);
            yield return copy;
        }
    }

    /// <summary>The other regions' copies of a multi-Region key, to read: unlike <see cref="CopiesOf"/>, none is marked as changing.</summary>
    public IEnumerable<StoredKey> OtherCopiesOf(StoredKey key) => Keys.Values.Where(k => IsCopy(k, key) && k.Arn != key.Arn);

    private static bool IsCopy(StoredKey candidate, StoredKey key) =>
        candidate.MultiRegion && candidate.KeyId == key.KeyId && candidate.Account == key.Account;

    public void RemoveKey(StoredKey key)
    {
        Keys.Remove(key.Arn);
        foreach (var alias in Aliases.Values.Where(a => a.TargetKeyId == key.KeyId && a.Account == key.Account && a.Region == key.Region).ToList())
        {
            Aliases.Remove(alias.AliasArn);
        }
        foreach (var grant in Grants.Values.Where(g => g.KeyArn == key.Arn).ToList()) Grants.Remove(grant.GrantId);
    }

    public void BeginChange()
    {
        foreach (var (_, map) in Maps) map.BeginChange();
    }

    /// <summary>What changed since <see cref="BeginChange"/>, by collection; empty when nothing did.</summary>
    public StateChange Changed()
    {
        var change = new StateChange();
        foreach (var (name, map) in Maps)
        {
            var entries = map.Changed().ToList();
            if (entries.Count > 0) change.Entries[name] = entries;
        }
        return change;
    }

    public void AcceptChange()
    {
        foreach (var (_, map) in Maps) map.AcceptChange();
    }

    public void RejectChange()
    {
        foreach (var (_, map) in Maps) map.RejectChange();
    }
}

/// <summary>One change of the state: per collection, each changed entry's JSON, or null for one that went. Disposing zeroes the JSON (keys hold their material).</summary>
internal sealed class StateChange : IDisposable
{
    public Dictionary<string, List<KeyValuePair<string, byte[]?>>> Entries { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Entries.Count == 0;

    public void Dispose()
    {
        foreach (var json in Entries.Values.SelectMany(entries => entries).Select(entry => entry.Value)) CryptographicOperations.ZeroMemory(json);
    }
}
