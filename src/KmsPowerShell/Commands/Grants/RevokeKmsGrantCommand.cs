using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Grants;

/// <summary>Revokes grants: the grantee loses the operations at once. Takes KmsGrant objects from the pipeline.</summary>
[Cmdlet(VerbsSecurity.Revoke, "KmsGrant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RevokeKmsGrantCommand : KmsPipedRegionCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GrantIdCompleter))]
    public string GrantId { get; set; } = "";

    /// <summary>Revokes without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            var key = KeyIdOrArn(KeyId, Region);
            if (!ShouldChange($"grant {GrantId} on {key.KeyId}", "Revoke the grant", Force)) return;
            Await(new KmsGrantAdmin(ActiveSession).RevokeAsync(key, GrantId, CancellationToken));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, GrantId);
        }
    }
}
