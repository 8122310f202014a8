using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Lists, creates, changes, connects, disconnects and deletes custom key stores.</summary>
public sealed class KmsCustomKeyStoreAdmin
{
    private readonly KmsClientPool _clients;

    public KmsCustomKeyStoreAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    /// <summary>The region's stores, all pages, or the one named by id or name.</summary>
    public async Task<IReadOnlyList<KmsCustomKeyStore>> ListAsync(string region, string? id, string? name, CancellationToken cancellationToken)
    {
        var stores = new List<KmsCustomKeyStore>();
        string? marker = null;
        do
        {
            var request = new DescribeCustomKeyStoresRequest { CustomKeyStoreId = id, CustomKeyStoreName = name, Marker = marker };
            var page = await _clients.CallAsync(region, (c, ct) => c.DescribeCustomKeyStoresAsync(request, ct), cancellationToken).ConfigureAwait(false);
            stores.AddRange((page.CustomKeyStores ?? []).Select(s => ToModel(s, region)));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (!string.IsNullOrEmpty(marker));
        return stores;
    }

    public async Task<string> CreateAsync(string region, CustomKeyStoreSettings settings, CancellationToken cancellationToken)
    {
        var request = new CreateCustomKeyStoreRequest
        {
            CustomKeyStoreName = settings.Name,
            CustomKeyStoreType = settings.IsExternal ? CustomKeyStoreType.EXTERNAL_KEY_STORE : CustomKeyStoreType.AWS_CLOUDHSM,
            CloudHsmClusterId = settings.CloudHsmClusterId,
            TrustAnchorCertificate = settings.TrustAnchorCertificate,
            KeyStorePassword = settings.KeyStorePassword,
            XksProxyConnectivity = settings.XksProxyConnectivity,
            XksProxyUriEndpoint = settings.XksProxyUriEndpoint,
            XksProxyUriPath = settings.XksProxyUriPath,
            XksProxyVpcEndpointServiceName = settings.XksProxyVpcEndpointServiceName,
            XksProxyVpcEndpointServiceOwner = settings.XksProxyVpcEndpointServiceOwner,
            XksProxyAuthenticationCredential = Credential(settings),
        };
        var response = await _clients.CallAsync(region, (c, ct) => c.CreateCustomKeyStoreAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.CustomKeyStoreId;
    }

    public Task UpdateAsync(string region, string id, CustomKeyStoreSettings settings, CancellationToken cancellationToken)
    {
        var request = new UpdateCustomKeyStoreRequest
        {
            CustomKeyStoreId = id,
            NewCustomKeyStoreName = settings.Name,
            CloudHsmClusterId = settings.CloudHsmClusterId,
            KeyStorePassword = settings.KeyStorePassword,
            XksProxyConnectivity = settings.XksProxyConnectivity,
            XksProxyUriEndpoint = settings.XksProxyUriEndpoint,
            XksProxyUriPath = settings.XksProxyUriPath,
            XksProxyVpcEndpointServiceName = settings.XksProxyVpcEndpointServiceName,
            XksProxyVpcEndpointServiceOwner = settings.XksProxyVpcEndpointServiceOwner,
            XksProxyAuthenticationCredential = Credential(settings),
        };
        return _clients.CallAsync(region, (c, ct) => c.UpdateCustomKeyStoreAsync(request, ct), cancellationToken);
    }

    public Task DeleteAsync(string region, string id, CancellationToken cancellationToken) =>
        _clients.CallAsync(region, (c, ct) => c.DeleteCustomKeyStoreAsync(new DeleteCustomKeyStoreRequest { CustomKeyStoreId = id }, ct), cancellationToken);

    public Task ConnectAsync(string region, string id, CancellationToken cancellationToken) =>
        _clients.CallAsync(region, (c, ct) => c.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id }, ct), cancellationToken);

    public Task DisconnectAsync(string region, string id, CancellationToken cancellationToken) =>
        _clients.CallAsync(region, (c, ct) => c.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = id }, ct), cancellationToken);

    private static XksProxyAuthenticationCredentialType? Credential(CustomKeyStoreSettings settings) =>
        settings.XksProxyAccessKeyId is null
            ? null
            : new XksProxyAuthenticationCredentialType { AccessKeyId = settings.XksProxyAccessKeyId, RawSecretAccessKey = settings.XksProxySecretAccessKey };

    private static KmsCustomKeyStore ToModel(CustomKeyStoresListEntry entry, string region) =>
        new(entry.CustomKeyStoreId, entry.CustomKeyStoreName, region)
        {
            CustomKeyStoreType = entry.CustomKeyStoreType?.Value,
            ConnectionState = entry.ConnectionState?.Value,
            ConnectionErrorCode = entry.ConnectionErrorCode?.Value,
            CreationDate = entry.CreationDate?.ToLocalTime(),
            CloudHsmClusterId = entry.CloudHsmClusterId,
            TrustAnchorCertificate = entry.TrustAnchorCertificate,
            XksProxyConnectivity = entry.XksProxyConfiguration?.Connectivity?.Value,
            XksProxyUriEndpoint = entry.XksProxyConfiguration?.UriEndpoint,
            XksProxyUriPath = entry.XksProxyConfiguration?.UriPath,
            XksProxyVpcEndpointServiceName = entry.XksProxyConfiguration?.VpcEndpointServiceName,
            XksProxyVpcEndpointServiceOwner = entry.XksProxyConfiguration?.VpcEndpointServiceOwner,
            XksProxyAccessKeyId = entry.XksProxyConfiguration?.AccessKeyId,
        };
}
