using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.KeyStores;

/// <summary>
/// A cmdlet that acts on custom key stores named by id or by name; a piped KmsCustomKeyStore binds by
/// CustomKeyStoreId and Region.
/// </summary>
public abstract class CustomKeyStoreCmdlet : KmsPipedRegionCmdlet
{
    private protected const string ById = "Id";
    private protected const string ByName = "Name";

    /// <summary>The store ids (cks-...).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(CustomKeyStoreCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] CustomKeyStoreId { get; set; } = [];

    /// <summary>The store names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByName)]
    [Alias("CustomKeyStoreName")]
    [ArgumentCompleter(typeof(CustomKeyStoreCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        var region = RegionOrDefault(Region);
        var admin = new KmsCustomKeyStoreAdmin(ActiveSession);
        foreach (var given in ParameterSetName == ByName ? Name : CustomKeyStoreId)
        {
            try
            {
                var store = ParameterSetName == ByName
                    ? Await(admin.ListAsync(region, null, given, CancellationToken)).Single()
                    : new KmsCustomKeyStore(given, given, region);
                Process(admin, store, region);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, given);
            }
        }
    }

    /// <summary>Acts on one store; the store named by id carries only its id.</summary>
    private protected abstract void Process(KmsCustomKeyStoreAdmin admin, KmsCustomKeyStore store, string region);

    /// <summary>The store as KMS describes it now, for -PassThru.</summary>
    private protected KmsCustomKeyStore Describe(KmsCustomKeyStoreAdmin admin, string id, string region) =>
        Await(admin.ListAsync(region, id, null, CancellationToken)).Single();
}
