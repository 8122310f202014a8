using System.Net;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.KeyStores;

/// <summary>
/// The settings a CreateCustomKeyStore or UpdateCustomKeyStore request may carry, read and checked against the API
/// reference's constraints (secrets are read so that no violation quotes them).
/// </summary>
internal sealed class CustomKeyStoreSettings
{
    public static readonly string[] Types = [StoredCustomKeyStore.CloudHsm, StoredCustomKeyStore.External];
    public static readonly string[] Connectivities = ["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"];

    public string? CloudHsmClusterId { get; private init; }
    public string? TrustAnchorCertificate { get; private init; }
    public string? KeyStorePassword { get; private init; }
    public string? XksProxyConnectivity { get; private init; }
    public string? XksProxyUriEndpoint { get; private init; }
    public string? XksProxyUriPath { get; private init; }
    public string? XksProxyVpcEndpointServiceName { get; private init; }
    public string? XksProxyVpcEndpointServiceOwner { get; private init; }
    public string? XksProxyAccessKeyId { get; private init; }
    public string? XksProxySecretAccessKey { get; private init; }

    public bool HasCloudHsmSettings => CloudHsmClusterId is not null || TrustAnchorCertificate is not null || KeyStorePassword is not null;

    public bool HasExternalSettings =>
        XksProxyConnectivity is not null || XksProxyUriEndpoint is not null || XksProxyUriPath is not null ||
        XksProxyVpcEndpointServiceName is not null || XksProxyVpcEndpointServiceOwner is not null || XksProxyAccessKeyId is not null;

    public static CustomKeyStoreSettings Read(RequestReader request)
    {
        var credential = request.Object("XksProxyAuthenticationCredential");
        var credentialReader = credential is null ? null : new RequestReader(credential, "xksProxyAuthenticationCredential.");
        var settings = new CustomKeyStoreSettings
        {
            CloudHsmClusterId = request.String("CloudHsmClusterId", 19, 24, pattern: KmsPatterns.CloudHsmClusterId()),
            TrustAnchorCertificate = request.String("TrustAnchorCertificate", 1, 5000),
            KeyStorePassword = request.SecretString("KeyStorePassword", 7, 32),
            XksProxyConnectivity = request.Enum("XksProxyConnectivity", Connectivities),
            XksProxyUriEndpoint = ReadEndpoint(request),
            XksProxyUriPath = request.String("XksProxyUriPath", 10, 128, pattern: KmsPatterns.XksProxyUriPath()),
            XksProxyVpcEndpointServiceName = request.String("XksProxyVpcEndpointServiceName", 20, 64, pattern: KmsPatterns.XksProxyVpcEndpointServiceName()),
            XksProxyVpcEndpointServiceOwner = request.String("XksProxyVpcEndpointServiceOwner", 12, 12, pattern: KmsPatterns.AccountId()),
            XksProxyAccessKeyId = credentialReader?.String("AccessKeyId", 20, 30, required: true, pattern: KmsPatterns.XksProxyAccessKeyId()),
            XksProxySecretAccessKey = credentialReader?.SecretString("RawSecretAccessKey", 43, 64, KmsPatterns.XksProxySecretAccessKey()),
        };
        if (credentialReader is not null)
        {
            if (settings.XksProxySecretAccessKey is null) request.AddViolation(ValidationMessage.Null("xksProxyAuthenticationCredential.rawSecretAccessKey"));
            credentialReader.ThrowIfInvalid();
        }
        return settings;
    }

    /// <summary>
    /// AWS's pattern (https, a host name, no port), or, as the local KMS's one addition, a loopback URI with a port
    /// (http://127.0.0.1:8443), so that a test proxy on a free port can be used.
    /// </summary>
    private static string? ReadEndpoint(RequestReader request)
    {
        var endpoint = request.String("XksProxyUriEndpoint", 10, 128);
        if (endpoint is null || KmsPatterns.XksProxyUriEndpoint().IsMatch(endpoint) || IsLoopback(endpoint)) return endpoint;
        request.AddViolation(ValidationMessage.Constraint(endpoint, "xksProxyUriEndpoint", ValidationMessage.Pattern(KmsPatterns.XksProxyUriEndpoint().ToString())));
        return endpoint;
    }

    /// <summary>Whether the endpoint names this machine's loopback interface: the only proxies the local KMS calls.</summary>
    public static bool IsLoopback(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" &&
        string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo) &&
        (uri.Host == "localhost" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
