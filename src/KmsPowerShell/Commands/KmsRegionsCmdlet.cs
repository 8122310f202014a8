using System.Management.Automation;
using KmsPowerShell.Engine.Compliance;

namespace KmsPowerShell.Commands;

/// <summary>A cmdlet that reads several regions in one call: -Region takes a list, the session's region when omitted.</summary>
public abstract class KmsRegionsCmdlet : KmsCmdlet
{
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Region { get; set; }

    /// <summary>True when -Region has * (every region of each account's partition).</summary>
    private protected bool EveryRegionAsked => Region?.Contains(ComplianceSessions.EveryRegion) == true;

    /// <summary>
    /// The regions given (typos warned about once), with * kept for each account to expand
    /// (<see cref="ComplianceSessions.RegionsOf"/>); empty for each account's own region.
    /// </summary>
    private protected IReadOnlyList<string> RegionsAsked() =>
        Region is null ? [] : Region.Select(region => region == ComplianceSessions.EveryRegion ? region : RegionOrDefault(region)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A region of an account that could not be read: one error in its place (the account and region as target, or the
    /// region alone for the session's own account), or a verbose line when * added it and the account has not enabled it.
    /// </summary>
    private protected void WriteRegionError(Exception error, string? account, AccountRegion region)
    {
        if (region.Optional && ComplianceSessions.IsRegionNotEnabled(error))
        {
            var skipped = $"region {region.Name} skipped, the account has not enabled it ({error.Message}).";
            WriteVerbose(account is null ? char.ToUpperInvariant(skipped[0]) + skipped[1..] : $"Account {account}: {skipped}");
            return;
        }
        WriteKmsError(error, account is null ? region.Name : $"{account} {region.Name}");
    }
}
