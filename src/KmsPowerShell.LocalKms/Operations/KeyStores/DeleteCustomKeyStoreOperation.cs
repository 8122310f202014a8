using System.Text.Json.Nodes;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Deletes a DISCONNECTED custom key store. AWS also refuses a store that still holds keys
/// (CustomKeyStoreHasCMKsException); the local KMS makes no keys in custom key stores yet, so none can.
/// </summary>
internal sealed class DeleteCustomKeyStoreOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var id = context.Request.RequiredString("CustomKeyStoreId", 1, 64);
        context.Request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var store = CustomKeyStoreLookup.Find(context, id);
        CustomKeyStoreLookup.RequireDisconnected(store, "deleting");
        context.State.CustomKeyStores.Remove(store.Id);
        return new JsonObject();
    }
}
