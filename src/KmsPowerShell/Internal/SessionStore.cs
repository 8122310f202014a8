using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace KmsPowerShell;

/// <summary>
/// The current KMS session of each runspace, and what the runspace did before (used a local KMS, failed to connect),
/// which decides whether a session may be built from the AWS chain when there is none.
/// </summary>
internal static class SessionStore
{
    private sealed class Slot
    {
        public KmsSession? Session;
        public bool MadeByDefault;
        public bool HandedOut;
        public bool UsedLocal;
        public bool ConnectedToAws;
        public string? ConnectFailure;
    }

    // A local KMS used in one runspace keeps the chain out of the others too (thread jobs, ForEach-Object -Parallel,
    // runspaces a test makes), until each says Connect-Kms to AWS itself.
    private static volatile bool s_processUsedLocal;

    private static readonly ConditionalWeakTable<Runspace, Slot> Slots = new();

    private static Slot Current => Slots.GetValue(Runspace.DefaultRunspace, _ => new Slot());

    public static KmsSession? Get()
    {
        var slot = Current;
        lock (slot) return slot.Session is { IsClosed: false } session ? session : null;
    }

    /// <summary>
    /// Makes <paramref name="session"/> current. The session it replaces is closed (releasing its local KMS state file)
    /// unless the user may hold it: Connect-Kms -PassThru or Get-KmsSession gave it out, and it was not made by default.
    /// </summary>
    public static void Set(KmsSession? session, bool madeByDefault = false, bool handedOut = false)
    {
        var slot = Current;
        KmsSession? replaced;
        bool closeReplaced;
        lock (slot)
        {
            replaced = slot.Session;
            closeReplaced = slot.MadeByDefault || !slot.HandedOut;
            slot.Session = session;
            slot.MadeByDefault = madeByDefault;
            slot.HandedOut = handedOut;
        }
        if (closeReplaced && !ReferenceEquals(replaced, session)) replaced?.Dispose();
    }

    /// <summary>The current session, which the caller gives to the user: it is no longer closed when replaced.</summary>
    public static KmsSession? HandOut()
    {
        var slot = Current;
        lock (slot)
        {
            if (slot.Session is not { IsClosed: false } session) return null;
            slot.HandedOut = true;
            return session;
        }
    }

    /// <summary>Connect-Kms succeeded: its session is current, and only a non-local one lets the AWS chain in again.</summary>
    public static void Connected(KmsSession session, bool handedOut)
    {
        Set(session, handedOut: handedOut);
        var slot = Current;
        lock (slot)
        {
            slot.UsedLocal = session.IsLocal;
            slot.ConnectedToAws = !session.IsLocal;
            slot.ConnectFailure = null;
        }
        if (session.IsLocal) s_processUsedLocal = true;
    }

    /// <summary>Connect-Kms failed: no session is current, and none is built by default until a Connect-Kms succeeds.</summary>
    public static void ConnectFailed(string reason)
    {
        Set(null);
        var slot = Current;
        lock (slot) slot.ConnectFailure = reason;
    }

    /// <summary>A cmdlet was given this session with -Session: a local one keeps the runspace off the AWS chain.</summary>
    public static void Used(KmsSession session)
    {
        if (!session.IsLocal) return;
        var slot = Current;
        lock (slot) slot.UsedLocal = true;
        s_processUsedLocal = true;
    }

    /// <summary>What to do about NoKmsSession: the error's recommended action, and said by Get-KmsSession.</summary>
    public const string NoSessionRemedy = "Run Connect-Kms -Local for the local KMS or Connect-Kms for AWS, or give -Session.";

    /// <summary>Why no session may be built from the AWS chain now; null when one may.</summary>
    public static string? WhyNoDefaultSession(string? autoConnectOff)
    {
        var slot = Current;
        lock (slot)
        {
            if (slot.ConnectFailure is { } failure)
            {
                return $"There is no KMS session because the last Connect-Kms failed: {failure} " +
                    "No session is built from the AWS chain until a Connect-Kms succeeds.";
            }
            if (slot.UsedLocal)
            {
                return "There is no KMS session, and this runspace used the local KMS: no session is built from the AWS chain, " +
                    "which could reach a real AWS account, until a Connect-Kms to AWS.";
            }
            if (autoConnectOff is not null) return $"There is no KMS session, and automatic sessions from the AWS chain are off ({autoConnectOff}).";
            if (s_processUsedLocal && !slot.ConnectedToAws)
            {
                return "There is no KMS session in this runspace, and another runspace of this process used the local KMS: " +
                    "no session is built from the AWS chain, which could reach a real AWS account, until a Connect-Kms to AWS here.";
            }
        }
        return null;
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
