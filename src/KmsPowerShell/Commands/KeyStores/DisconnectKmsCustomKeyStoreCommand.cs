using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>
/// Disconnects custom key stores: the keys in them are unusable until Connect-KmsCustomKeyStore. A FAILED store must
/// be disconnected before it can connect again.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "KmsCustomKeyStore", SupportsShouldProcess = true, DefaultParameterSetName = ById)]
[OutputType(typeof(KmsCustomKeyStore))]
public sealed class DisconnectKmsCustomKeyStoreCommand : CustomKeyStoreCmdlet
{
    /// <summary>Returns the store as KMS describes it after the call.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void Process(KmsCustomKeyStoreAdmin admin, KmsCustomKeyStore store, string region)
    {
        if (!ShouldChange($"{store.CustomKeyStoreId} in {region}", "Disconnect the custom key store")) return;
        Await(admin.DisconnectAsync(region, store.CustomKeyStoreId, CancellationToken));
        if (PassThru) WriteObject(Describe(admin, store.CustomKeyStoreId, region));
    }
}
