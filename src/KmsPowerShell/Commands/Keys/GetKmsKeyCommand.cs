using System.Management.Automation;
using KmsPowerShell.Engine.Concurrency;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Gets KMS keys with their details: every key in the region, the keys named, or the keys behind matching aliases.</summary>
[Cmdlet(VerbsCommon.Get, "KmsKey", DefaultParameterSetName = ListSet)]
[OutputType(typeof(KmsKey))]
public sealed class GetKmsKeyCommand : KmsRegionsCmdlet
{
    private const string ListSet = "List";
    private const string KeyIdSet = "KeyId";
    private const string AliasSet = "Alias";

    private readonly OrderedWindow<KeyDescription> _described;
    private KmsKeyReader? _reader;
    private string[]? _regions;

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
                _described.Add(new KeyDescription(id.Value, Task.FromException<KmsKey>(e), SkipNotFound: false), ThrottleLimit);
                continue;
            }
            foreach (var request in requests) Describe(reader, request, skipNotFound: false);
        }
    }

    /// <summary>Starts describing a key; its key or error is written in its turn, up to -ThrottleLimit keys at once.</summary>
    private void Describe(KmsKeyReader reader, KeyRequest request, bool skipNotFound) =>
        _described.Add(new KeyDescription(request.KeyId, Task.Run(() => reader.GetAsync(request, CancellationToken), CancellationToken), skipNotFound), ThrottleLimit);

    private void Write(KeyDescription description)
    {
        try
        {
            WriteIfInState(Await(description.Key));
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
        switch (ParameterSetName)
        {
            case KeyIdSet:
                _described.WriteAll();
                break;
            case ListSet:
                // Every region's listing starts at once; the keys still come region by region, in the order given.
                var listings = Regions.Select(region => (region, Reader.ListKeyIdsAsync(region, CancellationToken))).ToList();
                foreach (var (region, ids) in listings) ListRegion(region, ids);
                break;
            case AliasSet:
                WriteAliasMatches();
                break;
        }
    }

    private void ListRegion(string region, Task<IReadOnlyList<string>> listing)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = Await(listing);
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, region);
            return;
        }
        foreach (var id in ids) Describe(Reader, new KeyRequest(id, region), skipNotFound: true);
        _described.WriteAll();
    }

    private void WriteAliasMatches()
    {
        var patterns = new AliasPatterns(Alias);
        // Every region's listing starts at once (the reader keeps each); the keys still come region by region.
        foreach (var region in Regions) _ = Reader.ListAliasesAsync(region, CancellationToken);
        foreach (var region in Regions)
        {
            IReadOnlyList<KmsAlias> aliases;
            try
            {
                aliases = Await(Reader.ListAliasesAsync(region, CancellationToken));
            }
            catch (Exception e) when (IsItemFailure(e))
            {
                WriteKmsError(e, region);
                continue;
            }
            var keyIds = new List<string>();
            foreach (var alias in aliases.OrderBy(a => a.AliasName, StringComparer.Ordinal))
            {
                if (patterns.Match(alias.AliasName).Any && alias.TargetKeyId is { } target && !keyIds.Contains(target)) keyIds.Add(target);
            }
            foreach (var id in keyIds) Describe(Reader, new KeyRequest(id, region), skipNotFound: false);
            _described.WriteAll();
        }
        foreach (var (error, given) in patterns.NotFound()) WriteKmsError(error, given);
    }

    private void WriteIfInState(KmsKey key)
    {
        if (State is null || State.Contains(key.State, StringComparer.OrdinalIgnoreCase)) WriteObject(key);
    }

    /// <summary>One key being described; a listed key (not named by the user) that is gone by then is skipped.</summary>
    private sealed record KeyDescription(string Target, Task<KmsKey> Key, bool SkipNotFound);
}
