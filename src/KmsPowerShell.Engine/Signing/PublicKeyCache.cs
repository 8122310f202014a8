using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Engine.Signing;

/// <summary>
/// Public keys already fetched in a session, by key ARN and by the name they were asked for in their region: an
/// asymmetric key's public key never changes, so each is fetched once per session. The cache goes with its session.
/// </summary>
internal static class PublicKeyCache
{
    private static readonly ConditionalWeakTable<KmsSession, ConcurrentDictionary<string, KmsPublicKey>> Sessions = new();

    public static KmsPublicKey? Find(KmsSession session, KeyRequest key) =>
        Of(session).TryGetValue(Name(key), out var found) || Of(session).TryGetValue(key.KeyId, out found) ? found : null;

    public static void Add(KmsSession session, KeyRequest key, KmsPublicKey publicKey)
    {
        var keys = Of(session);
        keys[Name(key)] = publicKey;
        keys[publicKey.KeyArn] = publicKey;
    }

    private static ConcurrentDictionary<string, KmsPublicKey> Of(KmsSession session) =>
        Sessions.GetValue(session, _ => new ConcurrentDictionary<string, KmsPublicKey>(StringComparer.Ordinal));

    private static string Name(KeyRequest key) => $"{key.Region}|{key.KeyId}";
}
