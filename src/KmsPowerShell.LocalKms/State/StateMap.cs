using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;

namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// One collection of the state (keys, aliases, grants, grant tokens, principals or settings) by id, which can follow a change: between
/// <see cref="BeginChange"/> and <see cref="AcceptChange"/> or <see cref="RejectChange"/>, every entry reached by
/// its id (read, set or removed) keeps its image from before, so the change can be written as the entries that
/// differ (<see cref="Changed"/>) or undone exactly. Entries reached by walking <see cref="Values"/> are not followed:
/// code that changes one so must <see cref="Touch"/> it first (<see cref="KmsState.CopiesOf"/> and the sweeper do).
/// </summary>
internal sealed class StateMap<T> : IDictionary<string, T>, IStateMap where T : class
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    // Null when no change is followed; otherwise each reached id's JSON from before the change (null: it was absent).
    private Dictionary<string, byte[]?>? _before;

    public T this[string id]
    {
        get { Touch(id); return _items[id]; }
        set { Touch(id); _items[id] = value; }
    }

    public Dictionary<string, T>.ValueCollection Values => _items.Values;

    public int Count => _items.Count;

    public bool ContainsKey(string id) => _items.ContainsKey(id);

    public bool TryGetValue(string id, [MaybeNullWhen(false)] out T value)
    {
        Touch(id);
        return _items.TryGetValue(id, out value);
    }

    public T? GetValueOrDefault(string id) => TryGetValue(id, out var value) ? value : null;

    public void Add(string id, T value)
    {
        Touch(id);
        _items.Add(id, value);
    }

    public bool Remove(string id)
    {
        Touch(id);
        return _items.Remove(id);
    }

    /// <summary>Marks an entry that is about to change without being reached by its id.</summary>
    public void Touch(string id)
    {
        if (_before is { } before && !before.ContainsKey(id)) before[id] = _items.TryGetValue(id, out var value) ? Image(value) : null;
    }

    public void BeginChange() => _before = new Dictionary<string, byte[]?>(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, byte[]?>> Changed()
    {
        if (_before is null) yield break;
        foreach (var (id, before) in _before)
        {
            var after = _items.TryGetValue(id, out var value) ? Image(value) : null;
            if (before is null ? after is not null : after is null || !before.AsSpan().SequenceEqual(after)) yield return new(id, after);
        }
    }

    public void AcceptChange() => EndChange(restore: false);

    public void RejectChange() => EndChange(restore: true);

    private void EndChange(bool restore)
    {
        if (_before is null) return;
        foreach (var (id, before) in _before)
        {
            if (restore && before is null) _items.Remove(id);
            else if (restore) _items[id] = JsonSerializer.Deserialize<T>(before, StateJson.Options)!;
            // The images of keys hold their material.
            if (before is not null) CryptographicOperations.ZeroMemory(before);
        }
        _before = null;
    }

    public void Apply(string id, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) _items.Remove(id);
        else _items[id] = value.Deserialize<T>(StateJson.Options) ?? throw new InvalidDataException($"the journal's entry {id} is empty.");
    }

    private static byte[] Image(T value) => JsonSerializer.SerializeToUtf8Bytes(value, StateJson.Options);

    public Dictionary<string, T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<string, T>> IEnumerable<KeyValuePair<string, T>>.GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
    ICollection<string> IDictionary<string, T>.Keys => _items.Keys;
    ICollection<T> IDictionary<string, T>.Values => _items.Values;
    bool ICollection<KeyValuePair<string, T>>.IsReadOnly => false;
    void ICollection<KeyValuePair<string, T>>.Add(KeyValuePair<string, T> item) => Add(item.Key, item.Value);
    void ICollection<KeyValuePair<string, T>>.Clear() => throw new NotSupportedException();
    bool ICollection<KeyValuePair<string, T>>.Contains(KeyValuePair<string, T> item) => ((ICollection<KeyValuePair<string, T>>)_items).Contains(item);
    void ICollection<KeyValuePair<string, T>>.CopyTo(KeyValuePair<string, T>[] array, int index) => ((ICollection<KeyValuePair<string, T>>)_items).CopyTo(array, index);
    bool ICollection<KeyValuePair<string, T>>.Remove(KeyValuePair<string, T> item) => throw new NotSupportedException();
}

/// <summary>What the service and the state file do with every <see cref="StateMap{T}"/> alike.</summary>
internal interface IStateMap
{
    void BeginChange();

    /// <summary>The entries whose JSON differs from before the change: id to its JSON now, null when it went.</summary>
    IEnumerable<KeyValuePair<string, byte[]?>> Changed();

    void AcceptChange();

    /// <summary>Puts back every entry reached since <see cref="BeginChange"/> as it was.</summary>
    void RejectChange();

    /// <summary>Replays one entry of the journal: its JSON, or null when it went.</summary>
    void Apply(string id, JsonElement value);
}

/// <summary>The JSON options of the state file, its journal and the images of a change.</summary>
internal static class StateJson
{
    public static readonly JsonSerializerOptions Options = new();
}
