using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace KmsPowerShell;

/// <summary>The current KMS session of each runspace.</summary>
internal static class SessionStore
{
    private sealed class Slot
    {
        public KmsSession? Session;
        public bool MadeByDefault;
    }

    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();

    private static Slot Current => Slots.GetValue(Runspace.DefaultRunspace, _ => new Slot());

    public static KmsSession? Get()
    {
        var slot = Current;
        lock (slot) return slot.Session is { IsClosed: false } session ? session : null;
    }

    /// <summary>Makes <paramref name="session"/> current; a default session it replaces is closed, one the user holds is not.</summary>
    public static void Set(KmsSession? session, bool madeByDefault = false)
    {
        var slot = Current;
        KmsSession? replaced;
        bool closeReplaced;
        lock (slot)
        {
            replaced = slot.Session;
            closeReplaced = slot.MadeByDefault;
            slot.Session = session;
            slot.MadeByDefault = madeByDefault;
        }
        if (closeReplaced && !ReferenceEquals(replaced, session)) replaced?.Dispose();
    }

    public static KmsSession GetOrCreate(Func<KmsSession> create)
    {
        var existing = Get();
        if (existing is not null) return existing;
        var session = create();
        Set(session, madeByDefault: true);
        return session;
    }

    public static void CloseAll()
    {
        foreach (var (_, slot) in Slots)
        {
            lock (slot)
            {
                slot.Session?.Dispose();
                slot.Session = null;
            }
        }
    }
}
