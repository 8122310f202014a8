using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>Gets the region's custom key stores, or those named by id or name, with their connection state.</summary>
[Cmdlet(VerbsCommon.Get, "KmsCustomKeyStore", DefaultParameterSetName = "All")]
[OutputType(typeof(KmsCustomKeyStore))]
public sealed class GetKmsCustomKeyStoreCommand : KmsRegionCmdlet
{
    /// <summary>Only the stores with these ids.</summary>
    [Parameter(Position = 0, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CustomKeyStoreCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? CustomKeyStoreId { get; set; }

    /// <summary>Only the stores with these names.</summary>
    [Parameter(ParameterSetName = "Name")]
    [Alias("CustomKeyStoreName")]
    [ArgumentCompleter(typeof(CustomKeyStoreCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var region = RegionOrDefault(Region);
        var admin = new KmsCustomKeyStoreAdmin(ActiveSession);
        if (CustomKeyStoreId is null && Name is null)
        {
            try { WriteObject(Await(admin.ListAsync(region, null, null, CancellationToken)), enumerateCollection: true); }
            catch (Exception e) when (IsItemFailure(e)) { WriteKmsError(e, region); }
            return;
        }
        foreach (var id in CustomKeyStoreId ?? []) Write(() => admin.ListAsync(region, id, null, CancellationToken), id);
        foreach (var name in Name ?? []) Write(() => admin.ListAsync(region, null, name, CancellationToken), name);
    }

    private void Write(Func<Task<IReadOnlyList<KmsCustomKeyStore>>> list, string given)
    {
        try { WriteObject(Await(list()), enumerateCollection: true); }
        catch (Exception e) when (IsItemFailure(e)) { WriteKmsError(e, given); }
    }
}
