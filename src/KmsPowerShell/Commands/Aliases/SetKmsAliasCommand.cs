using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Aliases;

/// <summary>Points existing aliases at another key.</summary>
[Cmdlet(VerbsCommon.Set, "KmsAlias", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KmsAlias))]
public sealed class SetKmsAliasCommand : KmsPipedRegionCmdlet
{
    /// <summary>The alias names, with or without the alias/ prefix; KmsAlias objects bind by AliasName.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AliasName")]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>The key the aliases will point to.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var name in Name.Select(AliasPatterns.WithPrefix))
        {
            try
            {
                var region = RegionOrDefault(Region);
                Engine.Admin.AliasName.Require(name);
                var key = KeyId.Key ?? Await(new KmsKeyReader(ActiveSession).GetAsync(KeyId.Value, region, CancellationToken));
                if (!ShouldProcess($"{name} in {region}", $"Point the alias at key {key.KeyId}")) continue;
                Await(new KmsAliasAdmin(ActiveSession).UpdateAsync(region, name, key.KeyId, CancellationToken));
                KeyCompletionCache.Forget(ActiveSession, region);
                if (PassThru) WriteObject(AliasLookup.Find(ActiveSession, region, name, this));
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, name);
            }
        }
    }
}
