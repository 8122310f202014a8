using System.Management.Automation;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Aliases;

/// <summary>Gets aliases: all of the region's, those matching -Name, or those of one key. AWS managed aliases only on request.</summary>
[Cmdlet(VerbsCommon.Get, "KmsAlias")]
[OutputType(typeof(KmsAlias))]
public sealed class GetKmsAliasCommand : KmsRegionsCmdlet
{
    /// <summary>Alias names, with or without the alias/ prefix; wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only the aliases of this key.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference? KeyId { get; set; }

    /// <summary>Also the aliases under alias/aws/ that AWS manages.</summary>
    [Parameter]
    public SwitchParameter IncludeAwsManaged { get; set; }

    protected override void ProcessRecord()
    {
        var reader = new KmsKeyReader(ActiveSession);
        var patterns = new AliasPatterns(Name ?? ["*"]);
        // A piped KmsKey names its own region.
        var regions = KeyId?.Key is { } piped ? [piped.Region] : RegionsOrDefault(Region);
        // Every region's listing starts at once (the reader keeps each); the aliases still come region by region.
        foreach (var region in regions) _ = reader.ListAliasesAsync(region, CancellationToken);
        foreach (var region in regions)
        {
            try
            {
                string? keyId = KeyId is null ? null : KeyId.Key?.KeyId ?? Await(reader.GetAsync(KeyId.Value, region, CancellationToken)).KeyId;
                foreach (var alias in Await(reader.ListAliasesAsync(region, CancellationToken)).OrderBy(a => a.AliasName, StringComparer.Ordinal))
                {
                    if (keyId is not null && alias.TargetKeyId != keyId) continue;
                    var (any, exactly) = patterns.Match(alias.AliasName);
                    if (!any || (alias.AwsManaged && !IncludeAwsManaged && !exactly)) continue;
                    WriteObject(alias);
                }
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, KeyId?.Value ?? region);
            }
        }
        foreach (var (error, given) in patterns.NotFound()) WriteKmsError(error, given);
    }
}
