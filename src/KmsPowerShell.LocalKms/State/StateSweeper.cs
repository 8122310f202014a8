using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.Operations.KeyStores;
using KmsPowerShell.LocalKms.Operations.Rotation;

namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// Does what AWS does in the background, when the clock says it is due: enables new replicas once created, ends
/// custom key store connections (CONNECTING to CONNECTED or FAILED), deletes
/// keys whose waiting period has passed, starts a primary's own window once its last replica is gone, rotates keys on schedule, and deletes imported key material that has expired. Remembers
/// the earliest time anything falls due, so a request walks the keys only when something is due or the state has
/// changed since the last walk. Due times are absolute, so a clock that jumps needs no notice. Guarded by the
/// service's lock.
/// </summary>
internal sealed class StateSweeper
{
    // MinValue: unknown (a fresh or changed state), so the next request walks the keys.
    private DateTimeOffset _nextDue = DateTimeOffset.MinValue;

    /// <summary>The state changed (an operation that mutates ran): the next request walks the keys again.</summary>
    public void Invalidate() => _nextDue = DateTimeOffset.MinValue;

    /// <summary>Whether a call to <see cref="SweepIfDue"/> at <paramref name="now"/> would walk the keys.</summary>
    public bool IsDue(DateTimeOffset now) => now >= _nextDue;

    /// <summary>Sweeps when something is due; true when the state changed.</summary>
    public bool SweepIfDue(KmsState state, DateTimeOffset now)
    {
        if (!IsDue(now)) return false;
        var changed = Sweep(state, now);
        _nextDue = NextDue(state);
        return changed;
    }

    public static bool Sweep(KmsState state, DateTimeOffset now)
    {
        var changed = false;
        foreach (var key in state.Keys.Values.Where(k => CreationDue(k) <= now).ToList())
        {
            state.Keys.Touch(key.Arn);
            key.KeyState = ImportedMaterial.IsComplete(key) ? KeyStates.Enabled : KeyStates.PendingImport;
            key.CreationCompleteDate = null;
            changed = true;
        }
        foreach (var key in state.Keys.Values.Where(k => DeletionDue(k) <= now).ToList())
        {
            state.RemoveKey(key);
            changed = true;
        }
        foreach (var primary in state.Keys.Values.Where(k => AwaitsNoReplica(state, k)).ToList())
        {
            state.Keys.Touch(primary.Arn);
            primary.KeyState = KeyStates.PendingDeletion;
            primary.DeletionDate = now.AddDays(primary.PendingWindowInDays ?? 30);
            changed = true;
        }
        foreach (var key in state.Keys.Values.Where(k => ImportedMaterial.ExpiryDue(k) <= now).ToList())
        {
            state.Keys.Touch(key.Arn);
            ImportedMaterial.DeleteExpired(key, now);
            changed = true;
        }
        foreach (var store in state.CustomKeyStores.Values.Where(s => ConnectionDue(s) <= now).ToList())
        {
            state.CustomKeyStores.Touch(store.Id);
            CustomKeyStoreKeys.FinishConnecting(state, store);
            changed = true;
        }
        foreach (var key in state.Keys.Values.Where(k => RotationDue(k) <= now).ToList())
        {
            state.Keys.Touch(key.Arn);
            KeyRotator.Rotate(state, key, KeyRotator.Automatic, now);
            changed = true;
        }
        return changed;
    }

    /// <summary>The earliest time <see cref="Sweep"/> would change the state; MaxValue when nothing is scheduled.</summary>
    public static DateTimeOffset NextDue(KmsState state)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var key in state.Keys.Values)
        {
            if (CreationDue(key) is { } creation && creation < next) next = creation;
            if (DeletionDue(key) is { } deletion && deletion < next) next = deletion;
            if (RotationDue(key) is { } rotation && rotation < next) next = rotation;
            if (ImportedMaterial.ExpiryDue(key) is { } expiry && expiry < next) next = expiry;
            if (AwaitsNoReplica(state, key)) return DateTimeOffset.MinValue;
        }
        foreach (var store in state.CustomKeyStores.Values)
        {
            if (ConnectionDue(store) is { } connection && connection < next) next = connection;
        }
        return next;
    }

    private static DateTimeOffset? ConnectionDue(StoredCustomKeyStore store) =>
        store.ConnectionState == CustomKeyStoreStates.Connecting ? store.ConnectionCompleteDate ?? DateTimeOffset.MinValue : null;

    private static DateTimeOffset? CreationDue(StoredKey key) =>
        key.KeyState == KeyStates.Creating ? key.CreationCompleteDate ?? DateTimeOffset.MinValue : null;

    private static DateTimeOffset? DeletionDue(StoredKey key) =>
        key.KeyState == KeyStates.PendingDeletion ? key.DeletionDate : null;

    private static DateTimeOffset? RotationDue(StoredKey key) =>
        key.RotationEnabled && !key.IsReplica && key.KeyState == KeyStates.Enabled ? key.NextRotationDate : null;

    /// <summary>A primary waiting for its replicas to go, none of which is left: its own window starts now.</summary>
    private static bool AwaitsNoReplica(KmsState state, StoredKey key) =>
        key.KeyState == KeyStates.PendingReplicaDeletion && !state.CopiesOf(key).Any(k => k.IsReplica);
}
