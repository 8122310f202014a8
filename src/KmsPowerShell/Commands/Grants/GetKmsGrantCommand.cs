using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Concurrency;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Grants;

/// <summary>Gets the grants on keys (ListGrants, all pages), or the grants a principal may retire (ListRetirableGrants).</summary>
[Cmdlet(VerbsCommon.Get, "KmsGrant", DefaultParameterSetName = KeySet)]
[OutputType(typeof(KmsGrant))]
public sealed class GetKmsGrantCommand : KmsRegionCmdlet
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

    /// <summary>How many keys' grants are listed at once when many keys are given or piped; output keeps the input order.</summary>
    [Parameter(ParameterSetName = KeySet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = KmsKeyReader.DefaultConcurrency;

    private readonly OrderedWindow<KeyGrants> _listing;

    public GetKmsGrantCommand() => _listing = new OrderedWindow<KeyGrants>(k => k.Grants, Write);

    protected override void ProcessRecord()
    {
        var admin = new KmsGrantAdmin(ActiveSession);
        if (ParameterSetName == RetiringSet)
        {
            Write(new KeyGrants(RetiringPrincipal, admin.ListRetirableAsync(RegionOrDefault(Region), RetiringPrincipal, CancellationToken)));
            return;
        }
        foreach (var reference in KeyId)
        {
            KeyGrants listing;
            try
            {
                var key = KeyIdOrArn(reference, Region);
                listing = new KeyGrants(reference.Value, Task.Run(() => admin.ListAsync(key, GrantId, GranteePrincipal, CancellationToken), CancellationToken));
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                listing = new KeyGrants(reference.Value, Task.FromException<IReadOnlyList<KmsGrant>>(e));
            }
            _listing.Add(listing, ThrottleLimit);
        }
    }

    protected override void EndProcessing() => _listing.WriteAll();

    private void Write(KeyGrants listing)
    {
        try
        {
            foreach (var grant in Await(listing.Grants)) WriteObject(grant);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, listing.Target);
        }
    }

    /// <summary>The grants of one key (or of one retiring principal), being listed.</summary>
    private sealed record KeyGrants(string Target, Task<IReadOnlyList<KmsGrant>> Grants);
}
