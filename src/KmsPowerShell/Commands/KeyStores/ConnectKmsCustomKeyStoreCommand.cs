using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>
/// Connects custom key stores to KMS. KMS connects in the background: the store is CONNECTING, then CONNECTED or
/// FAILED with a ConnectionErrorCode (Get-KmsCustomKeyStore shows it; -PassThru returns it).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "KmsCustomKeyStore", SupportsShouldProcess = true, DefaultParameterSetName = ById)]
[OutputType(typeof(KmsCustomKeyStore))]
public sealed class ConnectKmsCustomKeyStoreCommand : CustomKeyStoreCmdlet
{
    /// <summary>Returns the store as KMS describes it after the call.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override void Process(KmsCustomKeyStoreAdmin admin, KmsCustomKeyStore store, string region)
    {
        if (!ShouldChange($"{store.CustomKeyStoreId} in {region}", "Connect the custom key store")) return;
        Await(admin.ConnectAsync(region, store.CustomKeyStoreId, CancellationToken));
        if (PassThru) WriteObject(Describe(admin, store.CustomKeyStoreId, region));
    }
}
