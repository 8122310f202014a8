using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// The keys of a CloudHSM key store, which are Unavailable while it is not connected: disconnecting keeps each key's
/// Enabled or Disabled state aside, connecting gives it back. Keys pending deletion stay so.
/// </summary>
internal static class CustomKeyStoreKeys
{
    public static IEnumerable<StoredKey> Of(OperationContext context, StoredCustomKeyStore store) => Of(context.State, store);

    private static List<StoredKey> Of(KmsState state, StoredCustomKeyStore store) =>
        state.Keys.Values.Where(k => k.CustomKeyStoreId == store.CustomKeyStoreId && k.Account == store.Account && k.Region == store.Region).ToList();

    /// <summary>A CONNECTING store whose time has come: CONNECTED (its keys back as they were) or FAILED, as Connect decided.</summary>
    public static void FinishConnecting(KmsState state, StoredCustomKeyStore store)
    {
        var error = store.PendingConnectionErrorCode;
        store.ConnectionState = error is null ? CustomKeyStoreStates.Connected : CustomKeyStoreStates.Failed;
        store.ConnectionErrorCode = error;
        store.PendingConnectionErrorCode = null;
        store.ConnectionCompleteDate = null;
        if (error is null) MakeAvailable(state, store);
    }

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

    private static void MakeAvailable(KmsState state, StoredCustomKeyStore store)
    {
        foreach (var key in Of(state, store).Where(k => k.KeyState == KeyStates.Unavailable))
        {
            state.Keys.Touch(key.Arn);
            key.KeyState = key.StateBeforeUnavailable ?? KeyStates.Enabled;
            key.StateBeforeUnavailable = null;
        }
    }
}
