using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>Deletes custom key stores; KMS deletes only a DISCONNECTED store that holds no keys. Asks first.</summary>
[Cmdlet(VerbsCommon.Remove, "KmsCustomKeyStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ById)]
[OutputType(typeof(void))]
public sealed class RemoveKmsCustomKeyStoreCommand : CustomKeyStoreCmdlet
{
    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private protected override void Process(KmsCustomKeyStoreAdmin admin, KmsCustomKeyStore store, string region)
    {
        if (!ShouldChange($"{store.CustomKeyStoreId} in {region}", "Delete the custom key store", Force)) return;
        Await(admin.DeleteAsync(region, store.CustomKeyStoreId, CancellationToken));
    }
}
