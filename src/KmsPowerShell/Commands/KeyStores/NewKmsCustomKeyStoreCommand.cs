using System.Management.Automation;
using System.Security;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>
/// Creates a custom key store, DISCONNECTED: a CloudHSM key store (-CloudHsmClusterId) or an external key store
/// (-XksProxyUriEndpoint). Connect it with Connect-KmsCustomKeyStore.
/// </summary>
[Cmdlet(VerbsCommon.New, "KmsCustomKeyStore", SupportsShouldProcess = true, DefaultParameterSetName = CloudHsm)]
[OutputType(typeof(KmsCustomKeyStore))]
public sealed class NewKmsCustomKeyStoreCommand : KmsRegionCmdlet
{
    private const string CloudHsm = "CloudHsm";
    private const string External = "External";

    /// <summary>The store's name, unique in the account and region.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("CustomKeyStoreName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The CloudHSM cluster (cluster-...).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CloudHsm)]
    [ValidateNotNullOrEmpty]
    public string CloudHsmClusterId { get; set; } = "";

    /// <summary>The cluster's trust anchor certificate: its PEM text, or the path of its file.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CloudHsm)]
    [ValidateNotNullOrEmpty]
    public string TrustAnchorCertificate { get; set; } = "";

    /// <summary>The password of the kmsuser crypto user of the cluster.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CloudHsm)]
    public SecureString KeyStorePassword { get; set; } = new();

    /// <summary>The external key store proxy's URI endpoint (https://host).</summary>
    [Parameter(Mandatory = true, ParameterSetName = External)]
    [ValidateNotNullOrEmpty]
    public string XksProxyUriEndpoint { get; set; } = "";

    /// <summary>The proxy's URI path, ending in /kms/xks/v1.</summary>
    [Parameter(Mandatory = true, ParameterSetName = External)]
    [ValidateNotNullOrEmpty]
    public string XksProxyUriPath { get; set; } = "";

    /// <summary>How KMS reaches the proxy: PUBLIC_ENDPOINT (the default) or VPC_ENDPOINT_SERVICE.</summary>
    [Parameter(ParameterSetName = External)]
    [ValidateSet("PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE")]
    public string XksProxyConnectivity { get; set; } = "PUBLIC_ENDPOINT";

    /// <summary>The VPC endpoint service of a proxy reached with VPC_ENDPOINT_SERVICE.</summary>
    [Parameter(ParameterSetName = External)]
    [ValidateNotNullOrEmpty]
    public string? XksProxyVpcEndpointServiceName { get; set; }

    /// <summary>The account that owns that VPC endpoint service, when it is not the caller's.</summary>
    [Parameter(ParameterSetName = External)]
    [ValidateNotNullOrEmpty]
    public string? XksProxyVpcEndpointServiceOwner { get; set; }

    /// <summary>The proxy's credential: the access key id as user name, the secret access key as password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = External)]
    [Credential]
    public PSCredential XksProxyAuthenticationCredential { get; set; } = PSCredential.Empty;

    protected override void ProcessRecord()
    {
        var region = RegionOrDefault(Region);
        try
        {
            var settings = ParameterSetName == CloudHsm ? CloudHsmSettings() : ExternalSettings();
            if (!ShouldChange($"{Name} in {region}", ParameterSetName == CloudHsm ? "Create a CloudHSM key store" : "Create an external key store")) return;
            var admin = new KmsCustomKeyStoreAdmin(ActiveSession);
            var id = Await(admin.CreateAsync(region, settings, CancellationToken));
            WriteObject(Await(admin.ListAsync(region, id, null, CancellationToken)).Single());
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, Name);
        }
    }

    private CustomKeyStoreSettings CloudHsmSettings() => new()
    {
        Name = Name,
        CloudHsmClusterId = CloudHsmClusterId,
        TrustAnchorCertificate = CustomKeyStoreInputs.TrustAnchor(this, TrustAnchorCertificate),
        KeyStorePassword = CustomKeyStoreInputs.Password(KeyStorePassword),
    };

    private CustomKeyStoreSettings ExternalSettings()
    {
        var (accessKeyId, secret) = CustomKeyStoreInputs.ProxyCredential(XksProxyAuthenticationCredential);
        return new()
        {
            Name = Name,
            XksProxyConnectivity = XksProxyConnectivity,
            XksProxyUriEndpoint = XksProxyUriEndpoint,
            XksProxyUriPath = XksProxyUriPath,
            XksProxyVpcEndpointServiceName = XksProxyVpcEndpointServiceName,
            XksProxyVpcEndpointServiceOwner = XksProxyVpcEndpointServiceOwner,
            XksProxyAccessKeyId = accessKeyId,
            XksProxySecretAccessKey = secret,
        };
    }
}
