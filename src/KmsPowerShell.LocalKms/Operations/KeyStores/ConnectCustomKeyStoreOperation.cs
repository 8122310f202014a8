using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Connects a custom key store. As AWS, it answers at once with the store CONNECTING, and the store is CONNECTED or
/// FAILED once the local KMS's clock passes <see cref="LocalKmsOptions.CustomKeyStoreConnectionDelay"/> (the sweeper
/// ends it). The outcome is decided now: a CloudHSM store connects to the local KMS's stand-in cluster, an external
/// store connects when its loopback proxy answers GetHealthStatus, and otherwise goes FAILED with the ConnectionErrorCode AWS would set.
/// </summary>
internal sealed class ConnectCustomKeyStoreOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var id = context.Request.RequiredString("CustomKeyStoreId", 1, 64);
        context.Request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var store = CustomKeyStoreLookup.Find(context, id);
        if (store.ConnectionState is CustomKeyStoreStates.Failed or CustomKeyStoreStates.Disconnecting)
        {
            throw KmsErrors.CustomKeyStoreInvalidState(
                $"Custom key store {id} is {store.ConnectionState}; disconnect it (DisconnectCustomKeyStore) before connecting it again.");
        }
        if (store.ConnectionState is CustomKeyStoreStates.Connected or CustomKeyStoreStates.Connecting) return new JsonObject();
        store.PendingConnectionErrorCode = store.IsExternal ? XksProxyHealth.Check(context, store, Name) : null;
        store.ConnectionState = CustomKeyStoreStates.Connecting;
        store.ConnectionErrorCode = null;
        store.ConnectionCompleteDate = context.Now + context.CustomKeyStoreConnectionDelay;
        return new JsonObject();
    }
}
