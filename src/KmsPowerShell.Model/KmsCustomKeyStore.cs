namespace KmsPowerShell;

/// <summary>A custom key store (CloudHSM or external), as Get-KmsCustomKeyStore returns it. It never holds a secret.</summary>
public sealed class KmsCustomKeyStore
{
    internal KmsCustomKeyStore(string customKeyStoreId, string customKeyStoreName, string region)
    {
        CustomKeyStoreId = customKeyStoreId;
        CustomKeyStoreName = customKeyStoreName;
        Region = region;
    }

    /// <summary>The store's id, cks-...</summary>
    public string CustomKeyStoreId { get; }

    /// <summary>The store's name, unique in the account and region.</summary>
    public string CustomKeyStoreName { get; }

    /// <summary>AWS_CLOUDHSM or EXTERNAL_KEY_STORE.</summary>
    public string? CustomKeyStoreType { get; internal init; }

    /// <summary>DISCONNECTED, CONNECTING, CONNECTED, FAILED or DISCONNECTING.</summary>
    public string? ConnectionState { get; internal init; }

    /// <summary>Why the store is FAILED (XKS_PROXY_NOT_REACHABLE, INVALID_CREDENTIALS...); empty otherwise.</summary>
    public string? ConnectionErrorCode { get; internal init; }

    /// <summary>When the store was created.</summary>
    public DateTime? CreationDate { get; internal init; }

    /// <summary>The CloudHSM cluster of a CloudHSM key store.</summary>
    public string? CloudHsmClusterId { get; internal init; }

    /// <summary>The trust anchor certificate (PEM) of the cluster of a CloudHSM key store.</summary>
    public string? TrustAnchorCertificate { get; internal init; }

    /// <summary>How KMS reaches an external key store's proxy: PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE.</summary>
    public string? XksProxyConnectivity { get; internal init; }

    /// <summary>The external key store proxy's URI endpoint.</summary>
    public string? XksProxyUriEndpoint { get; internal init; }

    /// <summary>The external key store proxy's URI path (.../kms/xks/v1).</summary>
    public string? XksProxyUriPath { get; internal init; }

    /// <summary>The VPC endpoint service of a proxy reached through one.</summary>
    public string? XksProxyVpcEndpointServiceName { get; internal init; }

    /// <summary>The account that owns that VPC endpoint service.</summary>
    public string? XksProxyVpcEndpointServiceOwner { get; internal init; }

    /// <summary>The access key id KMS signs proxy requests with (the secret key is never returned).</summary>
    public string? XksProxyAccessKeyId { get; internal init; }

    /// <summary>The region of the store.</summary>
    public string Region { get; }

    /// <inheritdoc />
    public override string ToString() => CustomKeyStoreName;
}
