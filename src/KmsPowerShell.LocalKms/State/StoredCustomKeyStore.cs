namespace KmsPowerShell.LocalKms.State;

/// <summary>
/// A custom key store of an account and region. Its secrets (the CloudHSM kmsuser password, the XKS proxy's secret
/// access key) are kept to sign proxy requests and are never answered.
/// </summary>
internal sealed class StoredCustomKeyStore
{
    public const string CloudHsm = "AWS_CLOUDHSM";
    public const string External = "EXTERNAL_KEY_STORE";

    public string CustomKeyStoreId { get; set; } = "";
    public string CustomKeyStoreName { get; set; } = "";
    public string CustomKeyStoreType { get; set; } = CloudHsm;
    public string Account { get; set; } = "";
    public string Region { get; set; } = "";
    public DateTimeOffset CreationDate { get; set; }
    public string ConnectionState { get; set; } = CustomKeyStoreStates.Disconnected;
    public string? ConnectionErrorCode { get; set; }

    /// <summary>While CONNECTING: when the connection ends (on the key clock), and the ConnectionErrorCode it ends with (null: CONNECTED).</summary>
    public DateTimeOffset? ConnectionCompleteDate { get; set; }
    public string? PendingConnectionErrorCode { get; set; }

    public string? CloudHsmClusterId { get; set; }
    public string? TrustAnchorCertificate { get; set; }
    public string? KeyStorePassword { get; set; }

    public string? XksProxyConnectivity { get; set; }
    public string? XksProxyUriEndpoint { get; set; }
    public string? XksProxyUriPath { get; set; }
    public string? XksProxyVpcEndpointServiceName { get; set; }
    public string? XksProxyVpcEndpointServiceOwner { get; set; }
    public string? XksProxyAccessKeyId { get; set; }
    public string? XksProxySecretAccessKey { get; set; }

    public bool IsExternal => CustomKeyStoreType == External;

    /// <summary>The id of the state's map: one account's stores in one region.</summary>
    public static string MapId(string account, string region, string customKeyStoreId) => $"{account}/{region}/{customKeyStoreId}";

    public string Id => MapId(Account, Region, CustomKeyStoreId);
}

/// <summary>The ConnectionState values of a custom key store.</summary>
internal static class CustomKeyStoreStates
{
    public const string Connected = "CONNECTED";
    public const string Connecting = "CONNECTING";
    public const string Disconnected = "DISCONNECTED";
    public const string Disconnecting = "DISCONNECTING";
    public const string Failed = "FAILED";
}
