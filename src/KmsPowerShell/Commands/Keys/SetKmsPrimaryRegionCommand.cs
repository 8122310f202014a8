using System.Management.Automation;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Makes the replica in another region the primary key of a multi-Region key.</summary>
[Cmdlet(VerbsCommon.Set, "KmsPrimaryRegion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(KmsKey))]
public sealed class SetKmsPrimaryRegionCommand : KmsKeyChangeCmdlet
{
    /// <summary>The region whose replica becomes the primary key.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string PrimaryRegion { get; set; } = "";

    protected override void BeginProcessing()
    {
        try
        {
            Engine.Session.RegionName.Require(PrimaryRegion, "-PrimaryRegion");
        }
        catch (KmsConfigurationException e)
        {
            ThrowInvocationError(e, PrimaryRegion);
        }
    }

    protected override string Action(KmsKey key) => $"Make the replica in {PrimaryRegion} the primary key";

    protected override Task ChangeAsync(KeyRequest key, CancellationToken cancellationToken) =>
        new KmsKeyAdmin(ActiveSession).UpdatePrimaryRegionAsync(key, PrimaryRegion, cancellationToken);
}
