using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// The keys of a CloudHSM key store, which are Unavailable while it is not connected: disconnecting keeps each key's
/// Enabled or Disabled state aside, connecting gives it back. Keys pending deletion stay so.
/// </summary>
internal static class CustomKeyStoreKeys
{
    public static IEnumerable<StoredKey> Of(OperationContext context, StoredCustomKeyStore store) =>
        context.State.Keys.Values.Where(k => k.CustomKeyStoreId == store.CustomKeyStoreId && k.Account == store.Account && k.Region == store.Region).ToList();

    /// <summary>Whether the custom key store of a key is CONNECTED.</summary>
    public static bool IsConnected(OperationContext context, StoredKey key) =>
        context.State.CustomKeyStores.Values.Any(s => s.CustomKeyStoreId == key.CustomKeyStoreId && s.Account == key.Account &&
            s.Region == key.Region && s.ConnectionState == CustomKeyStoreStates.Connected);

    public static void MakeUnavailable(OperationContext context, StoredCustomKeyStore store)
    {
        foreach (var key in Of(context, store).Where(k => k.KeyState is KeyStates.Enabled or KeyStates.Disabled))
        {
            context.State.Keys.Touch(key.Arn);
            key.StateBeforeUnavailable = key.KeyState;
            key.KeyState = KeyStates.Unavailable;
        }
    }

    public static void MakeAvailable(OperationContext context, StoredCustomKeyStore store)
    {
        foreach (var key in Of(context, store).Where(k => k.KeyState == KeyStates.Unavailable))
        {
            context.State.Keys.Touch(key.Arn);
            key.KeyState = key.StateBeforeUnavailable ?? KeyStates.Enabled;
            key.StateBeforeUnavailable = null;
        }
    }
}
