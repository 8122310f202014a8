using System.Management.Automation;

namespace KmsPowerShell.Commands;

/// <summary>
/// A cmdlet that calls KMS in one region, whose -Region also binds by property name: a piped record (an alias, a
/// grant, a signature, a MAC) names its key in the key's own region.
/// </summary>
public abstract class KmsPipedRegionCmdlet : KmsCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }
}
