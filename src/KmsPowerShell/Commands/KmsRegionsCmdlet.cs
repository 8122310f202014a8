using System.Management.Automation;

namespace KmsPowerShell.Commands;

/// <summary>A cmdlet that reads several regions in one call: -Region takes a list, the session's region when omitted.</summary>
public abstract class KmsRegionsCmdlet : KmsCmdlet
{
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Region { get; set; }
}
