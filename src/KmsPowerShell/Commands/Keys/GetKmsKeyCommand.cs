using System.Management.Automation;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Commands.Keys;

/// <summary>Gets KMS keys with their details: every key in the region, the keys named, or the keys behind matching aliases.</summary>
[Cmdlet(VerbsCommon.Get, "KmsKey", DefaultParameterSetName = ListSet)]
[OutputType(typeof(KmsKey))]
public sealed class GetKmsKeyCommand : KmsCmdlet
{
    private const string ListSet = "List";
    private const string KeyIdSet = "KeyId";
    private const string AliasSet = "Alias";

    private KmsKeyReader? _reader;

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

    /// <summary>The regions to read; the session's region when omitted. A key ARN names its own region.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Region { get; set; }

    /// <summary>How many DescribeKey calls run at once when many keys are read; output order stays the input order.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = KmsKeyReader.DefaultConcurrency;

    private KmsKeyReader Reader => _reader ??= new KmsKeyReader(ActiveSession, ThrottleLimit);

    private IEnumerable<string> Regions => Region is { Length: > 0 } ? Region.Distinct(StringComparer.Ordinal) : [ActiveSession.Region];

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case KeyIdSet:
                WriteOutcomes(Reader.GetManyAsync(KeyRequests().ToList(), CancellationToken));
                break;
        }
    }

    private IEnumerable<KeyRequest> KeyRequests()
    {
        var regions = Regions.ToArray();
        foreach (var id in KeyId)
        {
            IEnumerable<KeyRequest> requests;
            try
            {
                requests = KeyRequest.ForRegions(id.Value, regions);
            }
            catch (KmsArgumentException e)
            {
                WriteKmsError(e, id.Value);
                continue;
            }
            foreach (var request in requests) yield return request;
        }
    }

    protected override void EndProcessing()
    {
        switch (ParameterSetName)
        {
            case ListSet:
                foreach (var region in Regions) ListRegion(region);
                break;
            case AliasSet:
                WriteAliasMatches();
                break;
        }
    }

    private void ListRegion(string region)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = Await(Reader.ListKeyIdsAsync(region, CancellationToken));
        }
        catch (Exception e) when (IsItemFailure(e))
        {
            WriteKmsError(e, region);
            return;
        }
        // A key deleted between ListKeys and DescribeKey is simply no longer there.
        WriteOutcomes(Reader.GetManyAsync(ids, region, CancellationToken), skipNotFound: true);
    }

    private void WriteAliasMatches()
    {
        var patterns = new AliasPatterns(Alias);
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
            WriteOutcomes(Reader.GetManyAsync(keyIds, region, CancellationToken));
        }
        foreach (var (error, given) in patterns.NotFound()) WriteKmsError(error, given);
    }

    private void WriteOutcomes(IAsyncEnumerable<Outcome<KmsKey>> outcomes, bool skipNotFound = false)
    {
        foreach (var outcome in Blocking(outcomes))
        {
            if (outcome.Value is not null)
            {
                if (State is null || State.Contains(outcome.Value.State, StringComparer.OrdinalIgnoreCase)) WriteObject(outcome.Value);
            }
            else if (outcome.Error is { } error && IsItemFailure(error))
            {
                if (skipNotFound && error is KmsServiceException { ErrorCode: "NotFoundException" }) continue;
                WriteKmsError(error, outcome.Item);
            }
            else if (outcome.Error is { } unexpected)
            {
                throw unexpected;
            }
        }
    }
}
