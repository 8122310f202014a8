using System.Management.Automation;
using KmsPowerShell.Engine.Compliance;
using KmsPowerShell.Engine.Concurrency;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>
/// Gets KMS keys with their details: every key in the region, the keys named, or the keys behind matching aliases; listed
/// and by alias across accounts (-ProfileName, -RoleArn) and regions (-Region, * for every region) too.
/// </summary>
[Cmdlet(VerbsCommon.Get, "KmsKey", DefaultParameterSetName = ListSet)]
[OutputType(typeof(KmsKey))]
public sealed class GetKmsKeyCommand : KmsRegionsCmdlet
{
    private const string ListSet = "List";
    private const string KeyIdSet = "KeyId";
    private const string AliasSet = "Alias";
    private const string DefaultRoleSessionName = "KmsPowerShellInventory";

    private readonly OrderedWindow<KeyDescription> _described;
    private KmsKeyReader? _reader;
    private string[]? _regions;
    private AliasPatterns? _aliasPatterns;

    public GetKmsKeyCommand() => _described = new OrderedWindow<KeyDescription>(d => d.Key, Write);

    /// <summary>Key ids, key ARNs, alias names, alias ARNs, or KmsKey objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeyIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyArn", "TargetKeyId")]
    [ArgumentCompleter(typeof(KeyIdCompleter))]
    [ValidateNotNullOrEmpty]
    public KmsKeyReference[] KeyId { get; set; } = [];

    /// <summary>Alias names, with or without the alias/ prefix; wildcards allowed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AliasSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(AliasNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Alias { get; set; } = [];

    /// <summary>Only keys in these states: Enabled, Disabled, PendingDeletion, ...</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AliasSet)]
    [ValidateSet("Creating", "Enabled", "Disabled", "PendingDeletion", "PendingImport", "PendingReplicaDeletion", "Unavailable", "Updating")]
    public string[]? State { get; set; }

    /// <summary>Shared config profiles, one account each (static keys, assume-role or SSO profiles): their keys instead of the session's.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AliasSet)]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? ProfileName { get; set; }

    /// <summary>Roles to assume with the session's credentials (STS AssumeRole), one account each.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AliasSet)]
    [ValidatePattern(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")]
    public string[]? RoleArn { get; set; }

    /// <summary>The external id the roles' trust policies require.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AliasSet)]
    [ValidateNotNullOrEmpty]
    public string? ExternalId { get; set; }

    /// <summary>The session name of the assumed roles (CloudTrail shows it).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AliasSet)]
    [ValidatePattern(@"^[\w+=,.@-]{2,64}$")]
    public string RoleSessionName { get; set; } = DefaultRoleSessionName;

    /// <summary>Adds each key's last usage (GetKeyLastUsage) as its LastUsage property, read with its details.</summary>
    [Parameter]
    public SwitchParameter IncludeLastUsage { get; set; }

    /// <summary>How many keys are read at once (DescribeKey, and GetKeyLastUsage with -IncludeLastUsage); output order stays the input order.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = KmsKeyReader.DefaultConcurrency;

    private KmsKeyReader Reader => _reader ??= new KmsKeyReader(ActiveSession, IncludeLastUsage);

    private string[] Regions => _regions ??= RegionsOrDefault(Region);

    protected override void ProcessRecord()
    {
        if (ParameterSetName != KeyIdSet) return;
        // Keys piped one by one are described concurrently too: each starts now and is written in its turn.
        var regions = Regions;
        var reader = Reader;
        foreach (var id in KeyId)
        {
            IEnumerable<KeyRequest> requests;
            try
            {
                requests = KeyRequest.ForRegions(id.Value, regions);
            }
            catch (KmsArgumentException e)
            {
                _described.Add(new KeyDescription(id.Value, Task.FromException<KmsKey>(e), SkipNotFound: false, AccountTarget.SessionsOwn), ThrottleLimit);
                continue;
            }
            foreach (var request in requests) Describe(reader, request, skipNotFound: false, AccountTarget.SessionsOwn);
        }
    }

    /// <summary>Starts describing a key; its key or error is written in its turn, up to -ThrottleLimit keys at once.</summary>
    private void Describe(KmsKeyReader reader, KeyRequest request, bool skipNotFound, AccountTarget through) =>
        _described.Add(new KeyDescription(request.KeyId, Task.Run(() => reader.GetAsync(request, CancellationToken), CancellationToken), skipNotFound, through),
            ThrottleLimit);

    private void Write(KeyDescription description)
    {
        try
        {
            var key = Await(description.Key);
            (key.ProfileName, key.RoleArn) = (description.Through.ProfileName, description.Through.RoleArn);
            WriteIfInState(key);
        }
        catch (KmsServiceException e) when (description.SkipNotFound && e.ErrorCode == "NotFoundException")
        {
            // A key deleted between ListKeys and DescribeKey is simply no longer there.
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, description.Target);
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == KeyIdSet)
        {
            _described.WriteAll();
            return;
        }
        if (ParameterSetName == AliasSet) _aliasPatterns = new AliasPatterns(Alias);
        if (Accounts.Any || EveryRegionAsked) ReadAccounts();
        else ReadRegions(new AccountRead(Reader, Regions.Select(region => new AccountRegion(region, false)).ToList(), null, AccountTarget.SessionsOwn), null);
        foreach (var (error, given) in _aliasPatterns?.NotFound() ?? []) WriteKmsError(error, given);
    }

    private AccountsAsked Accounts => new(ProfileName, RoleArn, ExternalId, RoleSessionName);

    /// <summary>
    /// Each account in turn (its session and account id made at once for all of them, so the roles are assumed
    /// together), then its regions as <see cref="ReadRegions"/> reads them. An account that cannot be reached is one
    /// error in its place.
    /// </summary>
    private void ReadAccounts()
    {
        using var sessions = new AccountSessions(WriteVerbose, WriteWarning);
        var asked = RegionsAsked();
        var accounts = sessions.Of(Accounts, () => ActiveSession, CancellationToken)
            .Select(account => (account.Target, Identified: Identify(account.Target, account.Session, CancellationToken)))
            .ToList();
        var progress = new AccountsProgress(this, "Listing keys", accounts.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            var (target, identified) = accounts[i];
            progress.Show(i, target.Name, 0, 0);
            (KmsSession Session, string? Id) account;
            try
            {
                account = Await(identified);
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, target.Name);
                continue;
            }
            var regions = ComplianceSessions.RegionsOf(account.Session.Region, asked);
            var index = i;
            ReadRegions(new AccountRead(new KmsKeyReader(account.Session, IncludeLastUsage), regions, account.Id, target),
                read => progress.Show(index, target.Name, read, regions.Count));
        }
        progress.Done();
    }

    /// <summary>The account's session and, for an account named with -ProfileName or -RoleArn, its id (errors name it).</summary>
    private static Task<(KmsSession Session, string? Id)> Identify(AccountTarget target, Task<KmsSession> session, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            var opened = await session.ConfigureAwait(false);
            var id = target == AccountTarget.SessionsOwn ? null : await ComplianceSessions.AccountOfAsync(opened, cancellationToken).ConfigureAwait(false);
            return (opened, id);
        }, cancellationToken);

    /// <summary>
    /// One account's regions: every region's listing (keys, or aliases for -Alias) starts at once; the keys still come
    /// region by region, in the order given. A region that fails is one error in its place.
    /// </summary>
    private void ReadRegions(AccountRead account, Action<int>? regionsRead)
    {
        var listings = account.Regions.Select(region => (Region: region, Listed: StartListing(account.Reader, region.Name))).ToList();
        for (var i = 0; i < listings.Count; i++)
        {
            var (region, listed) = listings[i];
            try
            {
                foreach (var id in listed()) Describe(account.Reader, new KeyRequest(id, region.Name), skipNotFound: _aliasPatterns is null, account.Target);
                _described.WriteAll();
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteRegionError(e, account.Id, region);
            }
            regionsRead?.Invoke(i + 1);
        }
    }

    /// <summary>Starts a region's listing; the function waits for it and returns the ids of the keys to describe.</summary>
    private Func<IReadOnlyList<string>> StartListing(KmsKeyReader reader, string region)
    {
        if (_aliasPatterns is null)
        {
            var ids = reader.ListKeyIdsAsync(region, CancellationToken);
            return () => Await(ids);
        }
        var aliases = reader.ListAliasesAsync(region, CancellationToken);
        return () => KeysBehindMatchingAliases(Await(aliases));
    }

    /// <summary>The keys that aliases matching -Alias point to, each once, in alias name order.</summary>
    private List<string> KeysBehindMatchingAliases(IReadOnlyList<KmsAlias> aliases)
    {
        var keyIds = new List<string>();
        foreach (var alias in aliases.OrderBy(a => a.AliasName, StringComparer.Ordinal))
        {
            if (_aliasPatterns!.Match(alias.AliasName).Any && alias.TargetKeyId is { } target && !keyIds.Contains(target)) keyIds.Add(target);
        }
        return keyIds;
    }

    private void WriteIfInState(KmsKey key)
    {
        if (State is null || State.Contains(key.State, StringComparer.OrdinalIgnoreCase)) WriteObject(key);
    }

    /// <summary>One key being described (through the account's profile or role); a listed key (not named by the user) that is gone by then is skipped.</summary>
    private sealed record KeyDescription(string Target, Task<KmsKey> Key, bool SkipNotFound, AccountTarget Through);

    /// <summary>An account to read: its reader, its regions, its id (null for the session's own) and how it was named.</summary>
    private sealed record AccountRead(KmsKeyReader Reader, IReadOnlyList<AccountRegion> Regions, string? Id, AccountTarget Target);
}
