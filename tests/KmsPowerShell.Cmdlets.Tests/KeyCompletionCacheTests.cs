using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>The completion listing, on a local KMS of its own and a clock the test moves.</summary>
public sealed class KeyCompletionCacheTests : IDisposable
{
    private const string Region = LocalSession.Region;
    private readonly ManualClock _clock = new();
    private readonly TimeProvider _savedClock = KeyCompletionCache.Time;
    private readonly LocalSession _local = new();
    private readonly KmsSession _session;

    // Only this class sets the cache's clock, and xunit runs a class's tests one at a time.
    public KeyCompletionCacheTests()
    {
        KeyCompletionCache.Time = _clock;
        _session = _local.Session;
    }

    public void Dispose()
    {
        KeyCompletionCache.Time = _savedClock;
        _local.Dispose();
    }

    private string NewKey(string? description = null) => _local.NewKey(description);

    private void NewAlias(string name, string keyId) => _local.NewAlias(name, keyId);

    private string[] AliasNames() => KeyCompletionCache.Aliases(_session, Region).Select(a => a.AliasName).ToArray();

    [Fact]
    public void ListsKeyIdsAndTheAliasesThatPointToAKey()
    {
        var key = NewKey();
        NewAlias("alias/payroll", key);
        Assert.Contains(key, KeyCompletionCache.KeyIds(_session, Region));
        var alias = Assert.Single(KeyCompletionCache.Aliases(_session, Region), a => a.AliasName == "alias/payroll");
        Assert.Equal(key, alias.TargetKeyId);
        Assert.All(KeyCompletionCache.Aliases(_session, Region), a => Assert.False(string.IsNullOrEmpty(a.TargetKeyId)));
    }

    [Fact]
    public void KeepsTheListingForAMinute()
    {
        var key = NewKey();
        Assert.DoesNotContain("alias/later", AliasNames());
        NewAlias("alias/later", key);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain("alias/later", AliasNames());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("alias/later", AliasNames());
    }

    [Fact]
    public void ListsAgainAfterACmdletForgetsTheRegion()
    {
        var key = NewKey();
        Assert.DoesNotContain("alias/made", AliasNames());
        NewAlias("alias/made", key);
        KeyCompletionCache.Forget(_session, Region);
        Assert.Contains("alias/made", AliasNames());
    }

    [Fact]
    public void ResolvesAnAliasToItsKeyListingAgainOnAMissOnlyWhenTheListingIsASecondOld()
    {
        var key = NewKey();
        NewAlias("alias/first", key);
        Assert.Equal(new KeyRequest(key, Region), KeyCompletionCache.KeyIdOrArn(_session, Region, "alias/first"));
        NewAlias("alias/second", key);
        Assert.Null(KeyCompletionCache.KeyIdOrArn(_session, Region, "alias/second"));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new KeyRequest(key, Region), KeyCompletionCache.KeyIdOrArn(_session, Region, "alias/second"));
        Assert.Null(KeyCompletionCache.KeyIdOrArn(_session, Region, "alias/none"));
    }

    [Fact]
    public void PassesKeyIdsAndArnsThroughInTheirOwnRegion()
    {
        Assert.Equal(new KeyRequest(Keys.KeyId, "eu-west-1"), KeyCompletionCache.KeyIdOrArn(_session, "eu-west-1", Keys.KeyId));
        Assert.Equal(new KeyRequest(Keys.Arn, "us-east-1"), KeyCompletionCache.KeyIdOrArn(_session, "eu-west-1", Keys.Arn));
        Assert.Null(KeyCompletionCache.KeyIdOrArn(_session, Region, "arn:aws:kms:nowhere"));
    }

    [Fact]
    public void ResolvesAnAliasArnInItsOwnRegion()
    {
        var key = NewKey();
        NewAlias("alias/by-arn", key);
        var arn = Assert.Single(KeyCompletionCache.Aliases(_session, Region), a => a.AliasName == "alias/by-arn").AliasArn;
        Assert.Equal(new KeyRequest(key, Region), KeyCompletionCache.KeyIdOrArn(_session, "eu-west-1", arn));
    }

    [Fact]
    public void DescribesTheKeysAskedForWithAnEmptyDescriptionForNone()
    {
        var described = NewKey("payroll data");
        var plain = NewKey();
        var descriptions = KeyCompletionCache.Descriptions(_session, Region, [described, plain]);
        Assert.Equal("payroll data", descriptions[described]);
        Assert.Equal("", descriptions[plain]);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
