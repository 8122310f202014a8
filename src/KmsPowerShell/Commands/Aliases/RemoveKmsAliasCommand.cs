using System.Management.Automation;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Commands.Aliases;

/// <summary>Deletes aliases. The keys stay; scripts that name a key by the alias stop finding it, so this asks first.</summary>
[Cmdlet(VerbsCommon.Remove, "KmsAlias", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveKmsAliasCommand : KmsPipedRegionCmdlet
{
    /// <summary>The alias names, with or without the alias/ prefix; KmsAlias objects bind by AliasName.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AliasName")]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Deletes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name.Select(AliasPatterns.WithPrefix))
        {
            try
            {
                var region = RegionOrDefault(Region);
                Engine.Admin.AliasName.Require(name);
                if (!ShouldChange($"{name} in {region}", "Delete the alias", Force)) continue;
                Await(new KmsAliasAdmin(ActiveSession).DeleteAsync(region, name, CancellationToken));
                KeyCompletionCache.Forget(ActiveSession, region);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, name);
            }
        }
    }
}
