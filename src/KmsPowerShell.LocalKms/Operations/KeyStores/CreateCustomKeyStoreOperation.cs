using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// Creates a custom key store, DISCONNECTED. The local KMS has no CloudHSM: a well-formed cluster id is taken as an
/// active cluster of its own and the trust anchor certificate is kept unchecked. An external key store's proxy is
/// asked GetHealthStatus, as AWS asks it, when it is on loopback; any other proxy is unreachable from here.
/// </summary>
internal sealed class CreateCustomKeyStoreOperation : KmsOperation
{
    /// <summary>AWS's quota of custom key stores per account and region.</summary>
    public const int MaxStores = 10;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var name = request.RequiredString("CustomKeyStoreName", 1, 256);
        var type = request.Enum("CustomKeyStoreType", CustomKeyStoreSettings.Types) ?? StoredCustomKeyStore.CloudHsm;
        var settings = CustomKeyStoreSettings.Read(request);
        request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var store = new StoredCustomKeyStore
        {
            CustomKeyStoreId = "cks-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant()[..17],
            CustomKeyStoreName = name,
            CustomKeyStoreType = type,
            Account = context.Account,
            Region = context.Region,
            CreationDate = context.Now,
        };
        if (type == StoredCustomKeyStore.CloudHsm) CloudHsm(store, settings);
        else External(store, settings);
        CustomKeyStoreLookup.RequireUnique(context, store);
        if (CustomKeyStoreLookup.InScope(context).Count() >= MaxStores)
        {
            throw KmsErrors.LimitExceeded($"An account may have at most {MaxStores} custom key stores in a region.");
        }
        if (store.IsExternal) RequireHealthyProxy(context, store, Name);
        context.State.CustomKeyStores[store.Id] = store;
        return new JsonObject { ["CustomKeyStoreId"] = store.CustomKeyStoreId };
    }

    private static void CloudHsm(StoredCustomKeyStore store, CustomKeyStoreSettings settings)
    {
        if (settings.HasExternalSettings) throw KmsErrors.Validation("XksProxy parameters are valid only for custom key stores of type EXTERNAL_KEY_STORE.");
        if (settings.CloudHsmClusterId is null || settings.TrustAnchorCertificate is null || settings.KeyStorePassword is null)
        {
            throw KmsErrors.Validation("A custom key store of type AWS_CLOUDHSM requires CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword.");
        }
        store.CloudHsmClusterId = settings.CloudHsmClusterId;
        store.TrustAnchorCertificate = settings.TrustAnchorCertificate;
        store.KeyStorePassword = settings.KeyStorePassword;
    }

    private static void External(StoredCustomKeyStore store, CustomKeyStoreSettings settings)
    {
        if (settings.HasCloudHsmSettings) throw KmsErrors.Validation("CloudHsmClusterId, TrustAnchorCertificate and KeyStorePassword are valid only for custom key stores of type AWS_CLOUDHSM.");
        if (settings.XksProxyConnectivity is null || settings.XksProxyUriEndpoint is null || settings.XksProxyUriPath is null || settings.XksProxyAccessKeyId is null)
        {
            throw KmsErrors.Validation("A custom key store of type EXTERNAL_KEY_STORE requires XksProxyConnectivity, XksProxyUriEndpoint, XksProxyUriPath and XksProxyAuthenticationCredential.");
        }
        var viaVpc = settings.XksProxyConnectivity == "VPC_ENDPOINT_SERVICE";
        if (viaVpc != (settings.XksProxyVpcEndpointServiceName is not null))
        {
            throw KmsErrors.Validation("XksProxyVpcEndpointServiceName is required with XksProxyConnectivity VPC_ENDPOINT_SERVICE and valid only with it.");
        }
        if (!viaVpc && settings.XksProxyVpcEndpointServiceOwner is not null)
        {
            throw KmsErrors.Validation("XksProxyVpcEndpointServiceOwner is valid only with XksProxyConnectivity VPC_ENDPOINT_SERVICE.");
        }
        ApplyExternal(store, settings);
    }

    /// <summary>Copies the external settings the request gave onto the store (UpdateCustomKeyStore gives some).</summary>
    public static void ApplyExternal(StoredCustomKeyStore store, CustomKeyStoreSettings settings)
    {
        store.XksProxyConnectivity = settings.XksProxyConnectivity ?? store.XksProxyConnectivity;
        store.XksProxyUriEndpoint = settings.XksProxyUriEndpoint ?? store.XksProxyUriEndpoint;
        store.XksProxyUriPath = settings.XksProxyUriPath ?? store.XksProxyUriPath;
        store.XksProxyVpcEndpointServiceName = settings.XksProxyVpcEndpointServiceName ?? store.XksProxyVpcEndpointServiceName;
        store.XksProxyVpcEndpointServiceOwner = settings.XksProxyVpcEndpointServiceOwner ?? store.XksProxyVpcEndpointServiceOwner;
        store.XksProxyAccessKeyId = settings.XksProxyAccessKeyId ?? store.XksProxyAccessKeyId;
        store.XksProxySecretAccessKey = settings.XksProxySecretAccessKey ?? store.XksProxySecretAccessKey;
    }

    /// <summary>What AWS answers when the proxy it asks before creating or updating the store does not answer as the spec says.</summary>
    internal static void RequireHealthyProxy(OperationContext context, StoredCustomKeyStore store, string kmsOperation)
    {
        var uri = store.XksProxyUriEndpoint + store.XksProxyUriPath;
        switch (XksProxyHealth.Check(context, store, kmsOperation))
        {
            case null: return;
            case "XKS_PROXY_ACCESS_DENIED":
                throw KmsErrors.XksProxyIncorrectAuthenticationCredential($"The XKS proxy at {uri} refused the XksProxyAuthenticationCredential.");
            case "XKS_PROXY_INVALID_RESPONSE":
                throw KmsErrors.XksProxyInvalidResponse($"The XKS proxy at {uri} did not answer GetHealthStatus as the XKS proxy API specifies.");
            default:
                throw KmsErrors.XksProxyUriUnreachable(
                    $"The XKS proxy at {uri} is not reachable (the local KMS reaches only proxies on loopback, such as http://127.0.0.1:port).");
        }
    }
}
