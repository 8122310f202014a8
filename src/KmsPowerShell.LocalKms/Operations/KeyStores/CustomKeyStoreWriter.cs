using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>A CustomKeyStoresListEntry as DescribeCustomKeyStores answers it, in the API model's member order; never a secret.</summary>
internal static class CustomKeyStoreWriter
{
    public static JsonObject Write(StoredCustomKeyStore store)
    {
        var entry = new JsonObject
        {
            ["CustomKeyStoreId"] = store.CustomKeyStoreId,
            ["CustomKeyStoreName"] = store.CustomKeyStoreName,
        };
        if (store.CloudHsmClusterId is not null) entry["CloudHsmClusterId"] = store.CloudHsmClusterId;
        if (store.TrustAnchorCertificate is not null) entry["TrustAnchorCertificate"] = store.TrustAnchorCertificate;
        entry["ConnectionState"] = store.ConnectionState;
        if (store.ConnectionErrorCode is not null) entry["ConnectionErrorCode"] = store.ConnectionErrorCode;
        entry["CreationDate"] = KmsJson.Timestamp(store.CreationDate);
        entry["CustomKeyStoreType"] = store.CustomKeyStoreType;
        if (store.IsExternal) entry["XksProxyConfiguration"] = XksProxyConfiguration(store);
        return entry;
    }

    private static JsonObject XksProxyConfiguration(StoredCustomKeyStore store)
    {
        var configuration = new JsonObject
        {
            ["Connectivity"] = store.XksProxyConnectivity,
            ["AccessKeyId"] = store.XksProxyAccessKeyId,
            ["UriEndpoint"] = store.XksProxyUriEndpoint,
            ["UriPath"] = store.XksProxyUriPath,
        };
        if (store.XksProxyVpcEndpointServiceName is not null) configuration["VpcEndpointServiceName"] = store.XksProxyVpcEndpointServiceName;
        if (store.XksProxyVpcEndpointServiceOwner is not null) configuration["VpcEndpointServiceOwner"] = store.XksProxyVpcEndpointServiceOwner;
        return configuration;
    }
}
