using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Changes a custom key store's settings. A CloudHSM store must be DISCONNECTED for any change; an external store may
/// change its name, URI path and credential while CONNECTED too, the rest only when DISCONNECTED (AWS's rules); a
/// connected store's new path or credential must satisfy its proxy's GetHealthStatus.
/// </summary>
internal sealed class UpdateCustomKeyStoreOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var id = request.RequiredString("CustomKeyStoreId", 1, 64);
        var newName = request.String("NewCustomKeyStoreName", 1, 256);
        var settings = CustomKeyStoreSettings.Read(request);
        request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var store = CustomKeyStoreLookup.Find(context, id);
        if (store.IsExternal) UpdateExternal(store, settings);
        else UpdateCloudHsm(store, settings);
        // AWS tests a connected external store's new proxy settings at once (GetHealthStatus) and keeps the old ones when they fail.
        if (store.IsExternal && settings.HasExternalSettings && store.ConnectionState == CustomKeyStoreStates.Connected)
        {
            CreateCustomKeyStoreOperation.RequireHealthyProxy(context, store, Name);
        }
        store.CustomKeyStoreName = newName ?? store.CustomKeyStoreName;
        CustomKeyStoreLookup.RequireUnique(context, store);
        return new JsonObject();
    }

    private static void UpdateCloudHsm(StoredCustomKeyStore store, CustomKeyStoreSettings settings)
    {
        if (settings.HasExternalSettings) throw KmsErrors.Validation("XksProxy parameters are valid only for custom key stores of type EXTERNAL_KEY_STORE.");
        if (settings.TrustAnchorCertificate is not null) throw KmsErrors.Validation("The trust anchor certificate of a custom key store cannot be changed.");
        CustomKeyStoreLookup.RequireDisconnected(store, "updating");
        store.CloudHsmClusterId = settings.CloudHsmClusterId ?? store.CloudHsmClusterId;
        store.KeyStorePassword = settings.KeyStorePassword ?? store.KeyStorePassword;
    }

    private static void UpdateExternal(StoredCustomKeyStore store, CustomKeyStoreSettings settings)
    {
        if (settings.HasCloudHsmSettings) throw KmsErrors.Validation("CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are valid only for custom key stores of type AWS_CLOUDHSM.");
        var needsDisconnect = settings.XksProxyConnectivity is not null || settings.XksProxyUriEndpoint is not null ||
            settings.XksProxyVpcEndpointServiceName is not null || settings.XksProxyVpcEndpointServiceOwner is not null;
        if (needsDisconnect) CustomKeyStoreLookup.RequireDisconnected(store, "changing its connectivity, URI endpoint or VPC endpoint service");
        else if (store.ConnectionState is not (CustomKeyStoreStates.Connected or CustomKeyStoreStates.Disconnected))
        {
            throw KmsErrors.CustomKeyStoreInvalidState($"Custom key store {store.CustomKeyStoreId} is {store.ConnectionState}; it can be updated when CONNECTED or DISCONNECTED.");
        }
        CreateCustomKeyStoreOperation.ApplyExternal(store, settings);
        if (store.XksProxyConnectivity == "PUBLIC_ENDPOINT")
        {
            store.XksProxyVpcEndpointServiceName = null;
            store.XksProxyVpcEndpointServiceOwner = null;
        }
    }
}
