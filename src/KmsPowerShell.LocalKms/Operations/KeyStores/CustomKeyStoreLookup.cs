using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>The caller's custom key stores in the request's region.</summary>
internal static class CustomKeyStoreLookup
{
    public static IEnumerable<StoredCustomKeyStore> InScope(OperationContext context) =>
        context.State.CustomKeyStores.Values.Where(s => s.Account == context.Account && s.Region == context.Region);

    /// <summary>The store the request names by CustomKeyStoreId (marked as possibly changing), or CustomKeyStoreNotFoundException.</summary>
    public static StoredCustomKeyStore Find(OperationContext context, string customKeyStoreId) =>
        context.State.CustomKeyStores.GetValueOrDefault(StoredCustomKeyStore.MapId(context.Account, context.Region, customKeyStoreId))
        ?? throw NotFound(customKeyStoreId);

    // AWS's text for this exception is not public; this one names what was looked for.
    public static KmsErrorException NotFound(string what) => KmsErrors.CustomKeyStoreNotFound($"Custom key store {what} does not exist in this account and region.");

    public static void RequireDisconnected(StoredCustomKeyStore store, string action)
    {
        if (store.ConnectionState != CustomKeyStoreStates.Disconnected)
        {
            throw KmsErrors.CustomKeyStoreInvalidState(
                $"Custom key store {store.CustomKeyStoreId} is {store.ConnectionState}; {action} it requires it to be DISCONNECTED.");
        }
    }

    /// <summary>The uniqueness rules of AWS: a name, a CloudHSM cluster and an XKS proxy URI each belong to one store.</summary>
    public static void RequireUnique(OperationContext context, StoredCustomKeyStore candidate)
    {
        foreach (var other in InScope(context).Where(s => s.CustomKeyStoreId != candidate.CustomKeyStoreId))
        {
            if (other.CustomKeyStoreName == candidate.CustomKeyStoreName)
            {
                throw KmsErrors.CustomKeyStoreNameInUse($"Custom key store name {candidate.CustomKeyStoreName} is already in use in this account and region.");
            }
            if (candidate.CloudHsmClusterId is not null && other.CloudHsmClusterId == candidate.CloudHsmClusterId)
            {
                throw KmsErrors.CloudHsmClusterInUse($"CloudHSM cluster {candidate.CloudHsmClusterId} is already associated with custom key store {other.CustomKeyStoreId}.");
            }
            if (candidate.IsExternal && other.IsExternal && other.XksProxyUriEndpoint == candidate.XksProxyUriEndpoint &&
                other.XksProxyUriPath == candidate.XksProxyUriPath)
            {
                throw KmsErrors.XksProxyUriInUse($"The XKS proxy URI {candidate.XksProxyUriEndpoint}{candidate.XksProxyUriPath} is already used by custom key store {other.CustomKeyStoreId}.");
            }
        }
    }
}
