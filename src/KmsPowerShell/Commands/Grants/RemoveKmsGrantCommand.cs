using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Grants;

/// <summary>
/// Retires grants (RetireGrant) by grant token, or by key and grant id; takes KmsGrant objects from the pipeline.
/// ConfirmImpact High, as Revoke-KmsGrant: the rule is High for every cmdlet that deletes a key, an alias or a grant, or
/// replaces a key policy. Retiring deletes the grant just as revoking does: its grantee loses the operations at once,
/// and no call brings back that grant (a new one has another id and token). Who may call it does not change that.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "KmsGrant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = IdSet)]
[OutputType(typeof(void))]
public sealed class RemoveKmsGrantCommand : KmsPipedRegionCmdlet
{
    private const string IdSet = "GrantId";
    private const string TokenSet = "GrantToken";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    public KmsKeyReference KeyId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GrantIdCompleter))]
    public string GrantId { get; set; } = "";

    /// <summary>The grant's token, as New-KmsGrant returned it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    [ValidateNotNullOrEmpty]
    public string GrantToken { get; set; } = "";

    /// <summary>Retires without asking for confirmation.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var target = ParameterSetName == TokenSet ? "the grant of the token given" : $"grant {GrantId}";
        try
        {
            var region = RegionOrDefault(Region);
            if (!ShouldChange(target, "Retire the grant", Force)) return;
            var admin = new KmsGrantAdmin(ActiveSession);
            if (ParameterSetName == TokenSet) Await(admin.RetireAsync(region, GrantToken, null, null, CancellationToken));
            else Await(admin.RetireAsync(region, null, KeyIdOrArn(KeyId, Region), GrantId, CancellationToken));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, ParameterSetName == TokenSet ? "GrantToken" : GrantId);
        }
    }
}
