using System.Management.Automation;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Commands.Local;

/// <summary>
/// Removes principals added to the local KMS (and from its state file): they can no longer sign requests. Asks first
/// (ConfirmImpact High), as every cmdlet does that makes calls that worked fail at once.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KmsLocalPrincipal", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveKmsLocalPrincipalCommand : LocalKmsCmdlet
{
    /// <summary>The ARNs of the principals to remove, such as those Get-KmsLocalPrincipal pipes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocalPrincipalArnCompleter))]
    public string[] PrincipalArn { get; set; } = [];

    /// <summary>Removes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var instance = LocalKms();
        foreach (var arn in PrincipalArn)
        {
            if (!ShouldRemove(arn, instance)) continue;
            try
            {
                if (!instance.Service.RemovePrincipal(arn)) WriteError(KmsErrorMap.ToErrorRecord(NotFound(arn), arn));
            }
            catch (KmsException e)
            {
                WriteError(KmsErrorMap.ToErrorRecord(e, arn));
            }
        }
    }

    private bool ShouldRemove(string arn, LocalKmsInstance instance) =>
        (Force && !KmsCmdlet.IsWhatIfOf(this)) || ShouldProcess(arn, $"Remove the principal from {Describe(instance)}");
}
