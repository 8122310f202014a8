namespace KmsPowerShell.Engine.Admin;

/// <summary>
/// What New-KmsCustomKeyStore and Set-KmsCustomKeyStore send; null members are left out. The secrets are strings
/// because the SDK's requests take strings; they are never logged or returned.
/// </summary>
public sealed record CustomKeyStoreSettings
{
    public string? Name { get; init; }
    public string? CloudHsmClusterId { get; init; }
    public string? TrustAnchorCertificate { get; init; }
    public string? KeyStorePassword { get; init; }
    public string? XksProxyConnectivity { get; init; }
    public string? XksProxyUriEndpoint { get; init; }
    public string? XksProxyUriPath { get; init; }
    public string? XksProxyVpcEndpointServiceName { get; init; }
    public string? XksProxyVpcEndpointServiceOwner { get; init; }
    public string? XksProxyAccessKeyId { get; init; }
    public string? XksProxySecretAccessKey { get; init; }

    public bool IsExternal =>
        XksProxyUriEndpoint is not null || XksProxyUriPath is not null || XksProxyConnectivity is not null || XksProxyAccessKeyId is not null;
}
