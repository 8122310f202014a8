using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Aliases;

/// <summary>Creates an alias for a key.</summary>
[Cmdlet(VerbsCommon.New, "KmsAlias", SupportsShouldProcess = true)]
[OutputType(typeof(KmsAlias))]
public sealed class NewKmsAliasCommand : KmsRegionCmdlet
{
    /// <summary>The alias name: letters, digits, '/', '_' or '-', with or without the alias/ prefix.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";

    private string FullName => AliasPatterns.WithPrefix(Name);

    /// <summary>The key the alias points to.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn", "TargetKeyId")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    protected override void BeginProcessing()
    {
        try
        {
            AliasName.Require(FullName);
        }
        catch (KmsArgumentException e)
        {
            ThrowInvocationError(e, Name);
        }
    }

    protected override void ProcessRecord()
    {
        try
        {
            var reader = new KmsKeyReader(ActiveSession);
            var key = KeyId.Key ?? Await(reader.GetAsync(KeyId.Value, RegionOrDefault(Region), CancellationToken));
            if (!ShouldProcess($"{FullName} in {key.Region}", $"Create the alias for key {key.KeyId}")) return;
            Await(new KmsAliasAdmin(ActiveSession).CreateAsync(key.Region, FullName, key.KeyId, CancellationToken));
            KeyCompletionCache.Forget(ActiveSession, key.Region);
            WriteObject(AliasLookup.Find(ActiveSession, key.Region, FullName, this));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, Name);
        }
    }
}
