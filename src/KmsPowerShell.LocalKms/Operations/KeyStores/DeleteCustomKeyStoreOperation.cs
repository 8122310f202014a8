using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Deletes a DISCONNECTED custom key store that holds no keys (one with keys, even pending deletion, is
/// CustomKeyStoreHasCMKsException, as AWS documents).
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
        if (CustomKeyStoreKeys.Of(context, store).Any())
        {
            // AWS's text for this exception is not public.
            throw KmsErrors.CustomKeyStoreHasKeys(
                $"Custom key store {store.CustomKeyStoreId} still holds KMS keys: schedule their deletion and wait until they are deleted.");
        }
        context.State.CustomKeyStores.Remove(store.Id);
        return new JsonObject();
    }
}
