using System.Management.Automation;
using System.Security;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>
/// Changes custom key stores' settings. A CloudHSM key store must be disconnected first; an external key store may
/// change its name, URI path and credential while connected, the rest only when disconnected.
/// </summary>
[Cmdlet(VerbsCommon.Set, "KmsCustomKeyStore", SupportsShouldProcess = true, DefaultParameterSetName = ById)]
[OutputType(typeof(KmsCustomKeyStore))]
public sealed class SetKmsCustomKeyStoreCommand : CustomKeyStoreCmdlet
{
    /// <summary>The store's new name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    /// <summary>A CloudHSM key store's new cluster: one related to the current one (a backup's clone).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CloudHsmClusterId { get; set; }

    /// <summary>The new password of the cluster's kmsuser crypto user (changing it here does not change it in the cluster).</summary>
    [Parameter]
    public SecureString? KeyStorePassword { get; set; }

    /// <summary>An external key store's new proxy URI endpoint.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? XksProxyUriEndpoint { get; set; }

    /// <summary>An external key store's new proxy URI path.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? XksProxyUriPath { get; set; }

    /// <summary>An external key store's new connectivity.</summary>
    [Parameter]
    [ValidateSet("PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE")]
    public string? XksProxyConnectivity { get; set; }

    /// <summary>An external key store's new VPC endpoint service.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? XksProxyVpcEndpointServiceName { get; set; }

    /// <summary>The account that owns the new VPC endpoint service.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? XksProxyVpcEndpointServiceOwner { get; set; }

    /// <summary>An external key store's new proxy credential (access key id as user name, secret access key as password).</summary>
    [Parameter]
    [Credential]
    public PSCredential? XksProxyAuthenticationCredential { get; set; }

    /// <summary>Returns the store as KMS describes it after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void Process(KmsCustomKeyStoreAdmin admin, KmsCustomKeyStore store, string region)
    {
        if (!ShouldChange($"{store.CustomKeyStoreId} in {region}", "Change the custom key store's settings")) return;
        var (accessKeyId, secret) = CustomKeyStoreInputs.ProxyCredential(XksProxyAuthenticationCredential);
        var settings = new CustomKeyStoreSettings
        {
            Name = NewName,
            CloudHsmClusterId = CloudHsmClusterId,
            KeyStorePassword = CustomKeyStoreInputs.Password(KeyStorePassword),
            XksProxyConnectivity = XksProxyConnectivity,
            XksProxyUriEndpoint = XksProxyUriEndpoint,
            XksProxyUriPath = XksProxyUriPath,
            XksProxyVpcEndpointServiceName = XksProxyVpcEndpointServiceName,
            XksProxyVpcEndpointServiceOwner = XksProxyVpcEndpointServiceOwner,
            XksProxyAccessKeyId = accessKeyId,
            XksProxySecretAccessKey = secret,
        };
        Await(admin.UpdateAsync(region, store.CustomKeyStoreId, settings, CancellationToken));
        if (PassThru) WriteObject(Describe(admin, store.CustomKeyStoreId, region));
    }
}
