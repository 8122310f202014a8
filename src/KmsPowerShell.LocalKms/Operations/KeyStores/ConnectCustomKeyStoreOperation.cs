using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Connects a custom key store. AWS connects in the background (CONNECTING, then CONNECTED or FAILED); the local KMS
/// decides at once: a CloudHSM store connects to the local KMS's stand-in cluster, an external store connects when its
/// loopback proxy answers GetHealthStatus, and otherwise goes FAILED with the ConnectionErrorCode AWS would set.
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
        if (store.ConnectionState == CustomKeyStoreStates.Connected) return new JsonObject();
        var error = store.IsExternal ? XksProxyHealth.Check(context, store, Name) : null;
        store.ConnectionState = error is null ? CustomKeyStoreStates.Connected : CustomKeyStoreStates.Failed;
        store.ConnectionErrorCode = error;
        if (error is null) CustomKeyStoreKeys.MakeAvailable(context, store);
        return new JsonObject();
    }
}
