using System.Management.Automation;

namespace KmsPowerShell.Commands;

/// <summary>A cmdlet that calls KMS in one region: -Region, the session's when omitted (a key ARN names its own).</summary>
public abstract class KmsRegionCmdlet : KmsCmdlet
{
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }
}
