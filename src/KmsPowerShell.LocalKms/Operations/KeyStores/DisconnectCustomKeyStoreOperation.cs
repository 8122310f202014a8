using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>Disconnects a custom key store in any state (a FAILED store must be disconnected before it connects again).</summary>
internal sealed class DisconnectCustomKeyStoreOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var id = context.Request.RequiredString("CustomKeyStoreId", 1, 64);
        context.Request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var store = CustomKeyStoreLookup.Find(context, id);
        store.ConnectionState = CustomKeyStoreStates.Disconnected;
        store.ConnectionErrorCode = null;
        store.PendingConnectionErrorCode = null;
        store.ConnectionCompleteDate = null;
        CustomKeyStoreKeys.MakeUnavailable(context, store);
        return new JsonObject();
    }
}
