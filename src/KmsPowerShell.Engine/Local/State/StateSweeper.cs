using KmsPowerShell.Engine.Local.Operations.Rotation;

namespace KmsPowerShell.Engine.Local.State;

/// <summary>
/// Does what AWS does in the background, when the clock says it is due: deletes keys whose waiting period has
/// passed, starts a primary's own window once its last replica is gone, and rotates keys on schedule.
/// </summary>
internal static class StateSweeper
{
    public static bool Sweep(KmsState state, DateTimeOffset now)
    {
        var changed = false;
        foreach (var key in state.Keys.Values.Where(k => k.KeyState == KeyStates.PendingDeletion && k.DeletionDate <= now).ToList())
        {
            state.RemoveKey(key);
            changed = true;
        }
        foreach (var primary in state.Keys.Values.Where(k => k.KeyState == KeyStates.PendingReplicaDeletion).ToList())
        {
            if (state.CopiesOf(primary).Any(k => k.IsReplica)) continue;
            primary.KeyState = KeyStates.PendingDeletion;
            primary.DeletionDate = now.AddDays(primary.PendingWindowInDays ?? 30);
            changed = true;
        }
        foreach (var key in state.Keys.Values.Where(k => k.RotationEnabled && !k.IsReplica && k.KeyState == KeyStates.Enabled && k.NextRotationDate <= now).ToList())
        {
            KeyRotator.Rotate(state, key, KeyRotator.Automatic, now);
            changed = true;
        }
        return changed;
    }
}
