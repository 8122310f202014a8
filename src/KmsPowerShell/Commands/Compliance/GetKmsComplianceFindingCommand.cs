using System.Management.Automation;
using KmsPowerShell.Engine.Compliance;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Compliance;

/// <summary>
/// Scans the keys and custom key stores of one or more accounts and regions and writes one finding per problem that a
/// compliance check finds: rotation off, keys pending deletion, policies open to others, stale grants, and more.
/// </summary>
[Cmdlet(VerbsCommon.Get, "KmsComplianceFinding")]
[OutputType(typeof(KmsComplianceFinding))]
public sealed class GetKmsComplianceFindingCommand : KmsRegionsCmdlet
{
    private readonly List<string> _keyIds = [];

    /// <summary>Only these keys (key ids, ARNs, alias names, or KmsKey objects); all keys when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    [ValidateNotNullOrEmpty]
    public KmsKeyReference[]? KeyId { get; set; }

    /// <summary>Shared config profiles, one account each (static keys, assume-role or SSO profiles).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ProfileName { get; set; }

    /// <summary>Roles to assume with the session's credentials (STS AssumeRole), one account each.</summary>
    [Parameter]
    [ValidatePattern(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")]
    public string[]? RoleArn { get; set; }

    /// <summary>The external id the roles' trust policies require.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExternalId { get; set; }

    /// <summary>The session name of the assumed roles (CloudTrail shows it).</summary>
    [Parameter]
    [ValidatePattern(@"^[\w+=,.@-]{2,64}$")]
    public string RoleSessionName { get; set; } = ComplianceSessions.DefaultRoleSessionName;

    /// <summary>Only these checks (ids); all when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ComplianceCheckCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Check { get; set; }

    [Parameter]
    [ValidateRange(90, 2560)]
    public int MaxRotationDays { get; set; } = 365;

    [Parameter]
    [ValidateRange(1, 36500)]
    public int UnusedDays { get; set; } = 90;

    [Parameter]
    [ValidateRange(1, 36500)]
    public int MaxGrantAgeDays { get; set; } = 365;

    [Parameter]
    [ValidateRange(0, 36500)]
    public int ExpiryDays { get; set; } = 30;

    [Parameter]
    [ValidatePattern(@"^\d{12}$")]
    public string[]? TrustedAccount { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RequiredTag { get; set; }

    /// <summary>Scans AWS managed keys too (aws/...): AWS rotates them yearly and owns their policies, so they are left out by default.</summary>
    [Parameter]
    public SwitchParameter IncludeAwsManaged { get; set; }

    /// <summary>How many keys (and listings) are read at once across all accounts and regions.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = KmsKeyReader.DefaultConcurrency;

    protected override void BeginProcessing()
    {
        var unknown = (Check ?? []).Where(id => !ComplianceChecks.All.Any(check => check.Id.Equals(id, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", ComplianceChecks.All.Select(check => check.Id));
            ThrowInvocationError(new KmsArgumentException("CheckNotFound", $"No compliance check has the id {string.Join(", ", unknown)}. The checks are: {known}."), unknown[0]);
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var id in KeyId ?? []) _keyIds.Add(id.Value);
    }

    protected override void EndProcessing()
    {
        using var accounts = new AccountSessions(WriteVerbose, WriteWarning);
        using var gate = new SemaphoreSlim(ThrottleLimit);
        var keyIds = _keyIds.Count > 0 ? _keyIds : null;
        // Keys named with -KeyId are scanned whoever manages them: the user asked for them.
        var scan = new ComplianceScan(gate, keyIds, IncludeAwsManaged || keyIds is not null, RegionsAsked(), CancellationToken);
        var started = accounts.Of(new AccountsAsked(ProfileName, RoleArn, ExternalId, RoleSessionName), () => ActiveSession, CancellationToken)
            .Select(account => (account.Target, Scan: Task.Run(async () =>
                await scan.AccountAsync(await account.Session.ConfigureAwait(false), account.Target.ProfileName, account.Target.RoleArn).ConfigureAwait(false))))
            .ToList();
        var progress = new AccountsProgress(this, "Compliance scan", started.Count);
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < started.Count; i++)
        {
            var (target, account) = started[i];
            progress.Show(i, target.Name, scan.RegionsRead, scan.RegionsStarted);
            try
            {
                var result = AwaitWithTicks(account, () => progress.Show(i, target.Name, scan.RegionsRead, scan.RegionsStarted));
                WriteAccount(result);
                foreach (var key in result.Keys) found.UnionWith(ComplianceScan.NamesOf(key));
                found.UnionWith(result.Regions.Where(region => region.Scan is not null).SelectMany(region => region.Scan!.KeyErrors).Select(failed => failed.KeyId));
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, target.Name);
            }
        }
        progress.Done();
        foreach (var id in _keyIds.Where(id => !found.Contains(id)).Distinct(StringComparer.Ordinal))
        {
            WriteKmsError(new KmsServiceException("NotFoundException", $"No key {id} was found in the accounts and regions scanned.", 400, null, null), id);
        }
    }

    private ComplianceSettings SettingsAt(DateTimeOffset now) => new()
    {
        MaxRotationDays = MaxRotationDays,
        UnusedDays = UnusedDays,
        MaxGrantAgeDays = MaxGrantAgeDays,
        ExpiryDays = ExpiryDays,
        TrustedAccounts = TrustedAccount ?? [],
        RequiredTags = RequiredTag ?? [],
        CheckIds = Check ?? [],
        Now = now,
    };

    private void WriteAccount(ComplianceAccountScan account)
    {
        var settings = SettingsAt(account.Now);
        foreach (var region in account.Regions)
        {
            if (region.Error is { } error)
            {
                WriteRegionError(error, account.Account, new AccountRegion(region.Region, region.Optional));
                continue;
            }
            foreach (var failed in region.Scan!.KeyErrors) WriteKmsError(failed.Error, failed.KeyId);
            foreach (var finding in region.Scan.Findings(settings)) WriteObject(finding);
        }
        foreach (var finding in ComplianceChecks.ForAccount(account.Keys, settings)) WriteObject(finding);
    }
}
