using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Grants;

/// <summary>Gets the grants on keys (ListGrants, all pages), or the grants a principal may retire (ListRetirableGrants).</summary>
[Cmdlet(VerbsCommon.Get, "KmsGrant", DefaultParameterSetName = KeySet)]
[OutputType(typeof(KmsGrant))]
public sealed class GetKmsGrantCommand : KmsCmdlet
{
    private const string KeySet = "Key";
    private const string RetiringSet = "RetiringPrincipal";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn", "TargetKeyId")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    [ValidateNotNullOrEmpty]
    public KmsKeyReference[] KeyId { get; set; } = [];

    /// <summary>Only the grant with this id.</summary>
    [Parameter(ParameterSetName = KeySet)]
    public string? GrantId { get; set; }

    /// <summary>Only grants to this principal.</summary>
    [Parameter(ParameterSetName = KeySet)]
    public string? GranteePrincipal { get; set; }

    /// <summary>The grants, on any key, that this principal may retire.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RetiringSet)]
    public string RetiringPrincipal { get; set; } = "";

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    protected override void ProcessRecord()
    {
        var admin = new KmsGrantAdmin(ActiveSession);
        if (ParameterSetName == RetiringSet)
        {
            Write(() => admin.ListRetirableAsync(RegionOrDefault(Region), RetiringPrincipal, CancellationToken), RetiringPrincipal);
            return;
        }
        foreach (var reference in KeyId)
        {
            Write(() => admin.ListAsync(KeyIdOrArn(reference, Region), GrantId, GranteePrincipal, CancellationToken), reference.Value);
        }
    }

    private void Write(Func<Task<IReadOnlyList<KmsGrant>>> list, string target)
    {
        try
        {
            foreach (var grant in Await(list())) WriteObject(grant);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, target);
        }
    }
}
