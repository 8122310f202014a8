using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Compliance;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Tests.Compliance;

/// <summary>The collector and the scan on a local KMS of their own (a state file per test), through real SDK clients.</summary>
public sealed class ComplianceScanTests : IDisposable
{
    private static readonly Dictionary<string, string> NoTags = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("kmsps-compliance-").FullName;
    private readonly KmsSession _session;

    public ComplianceScanTests() =>
        _session = KmsSessionFactory.Create(new KmsSessionOptions { Local = true, Region = "us-east-1", LocalStatePath = Path.Combine(_folder, "state.json") }, _ => { }, _ => { });

    [Fact]
    public async Task ScanAsync_ReadsEveryPartOfEachKey_InKeyIdOrder()
    {
        var made = new List<string>();
        for (var i = 0; i < 3; i++) made.Add((await NewKey("us-east-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")).KeyId);
        await new KmsAliasAdmin(_session).CreateAsync("us-east-1", "alias/compliance-b", made[0], default);
        await new KmsAliasAdmin(_session).CreateAsync("us-east-1", "alias/compliance-a", made[0], default);

        var scan = await Collector().ScanAsync(new ComplianceScope("111122223333", "us-east-1"), null, false, default);

        Assert.Equal(made.Order(StringComparer.Ordinal), scan.Keys.Select(key => key.Key.KeyId));
        foreach (var key in scan.Keys)
        {
            Assert.Empty(key.Unreadable);
            Assert.NotNull(key.Policy);
            Assert.NotNull(key.Rotation);
            Assert.NotNull(key.LastUsage);
            Assert.Equal("us-east-1", key.Scope.Region);
        }
        var aliased = scan.Keys.Single(key => key.Key.KeyId == made[0]);
        Assert.Equal(["alias/compliance-a", "alias/compliance-b"], aliased.Aliases.Select(alias => alias.AliasName));
        Assert.Equal("alias/compliance-a", aliased.FirstAlias);
    }

    [Fact]
    public async Task ScanAsync_KeyWithoutRotationStatus_IsNotAskedAndNotUnreadable()
    {
        var signing = await NewKey("us-east-1", "ECC_NIST_P256", "SIGN_VERIFY");

        var scan = await Collector().ScanAsync(new ComplianceScope("111122223333", "us-east-1"), null, false, default);

        var key = scan.Keys.Single(k => k.Key.KeyId == signing.KeyId);
        Assert.Null(key.Rotation);
        Assert.Empty(key.Unreadable);
    }

    [Fact]
    public async Task ScanAsync_KeysKmsMadeTheMaterialOf_AreNotAskedForTheirRotationHistory()
    {
        _ = await NewKey("us-east-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        var service = KmsPowerShell.LocalKms.LocalKmsRegistry.Find(_session.LocalStatePath)!.Service;
        service.ResetCallCounts();

        var scan = await Collector().ScanAsync(new ComplianceScope("111122223333", "us-east-1"), null, false, default);

        Assert.NotNull(Assert.Single(scan.Keys).Rotation);
        Assert.Equal(1, service.CallCount("GetKeyRotationStatus"));
        Assert.Equal(0, service.CallCount("ListKeyRotations"));
    }

    [Fact]
    public async Task ScanAsync_KeyIds_ReadsOnlyThoseOfTheScopeRegion()
    {
        var east = await NewKey("us-east-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        var west = await NewKey("eu-west-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        _ = await NewKey("us-east-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");

        var scan = await Collector().ScanAsync(new ComplianceScope("111122223333", "us-east-1"), [east.KeyId, west.Arn, "alias/compliance-none"], false, default);

        Assert.Equal([east.KeyId], scan.Keys.Select(key => key.Key.KeyId));
    }

    [Fact]
    public async Task AccountAsync_ReadsEachRegionInTheOrderAsked_AndKeepsTheSessionAccount()
    {
        await NewKey("eu-west-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        await NewKey("us-east-1", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        using var gate = new SemaphoreSlim(2);

        var account = await new ComplianceScan(gate, null, false, ["us-east-1", "eu-west-1"], default).AccountAsync(_session, null, null);

        Assert.Equal("111122223333", account.Account);
        Assert.Equal(["us-east-1", "eu-west-1"], account.Regions.Select(region => region.Region));
        Assert.All(account.Regions, region => Assert.False(region.Optional));
        Assert.Equal(["us-east-1", "eu-west-1"], account.Keys.Select(key => key.Key.Region));
        Assert.Equal(2, gate.CurrentCount);
    }

    [Fact]
    public async Task AccountAsync_EveryRegion_AddsThePartitionsOtherRegionsAsOptional()
    {
        using var gate = new SemaphoreSlim(8);

        var account = await new ComplianceScan(gate, null, false, ["eu-west-1", ComplianceSessions.EveryRegion], default).AccountAsync(_session, null, null);

        Assert.Equal("eu-west-1", account.Regions[0].Region);
        Assert.False(account.Regions[0].Optional);
        Assert.Equal(ComplianceSessions.PartitionRegions("us-east-1").Count, account.Regions.Count);
        Assert.All(account.Regions.Skip(1), region => Assert.True(region.Optional));
        Assert.Single(account.Regions, region => region.Region == "eu-west-1");
    }

    [Theory]
    [InlineData("us-east-1", "eu-west-1", "cn-north-1")]
    [InlineData("cn-north-1", "cn-northwest-1", "us-east-1")]
    [InlineData("us-gov-west-1", "us-gov-east-1", "us-east-1")]
    public void PartitionRegions_HoldsTheRegionsOfItsPartitionOnly(string region, string samePartition, string otherPartition)
    {
        var regions = ComplianceSessions.PartitionRegions(region);

        Assert.Contains(region, regions);
        Assert.Contains(samePartition, regions);
        Assert.DoesNotContain(otherPartition, regions);
        Assert.Equal(regions.Order(StringComparer.Ordinal), regions);
    }

    [Fact]
    public void IsRegionNotEnabled_OnlyForRefusedCredentials()
    {
        Assert.True(ComplianceSessions.IsRegionNotEnabled(new KmsServiceException("UnrecognizedClientException", "The security token included in the request is invalid.", 400, null, null)));
        Assert.False(ComplianceSessions.IsRegionNotEnabled(new KmsServiceException("AccessDeniedException", "denied", 400, null, null)));
        Assert.False(ComplianceSessions.IsRegionNotEnabled(new KmsServiceException("EndpointUnreachable", "down", 0, null, null)));
    }

    private ComplianceCollector Collector() => new(_session, new SemaphoreSlim(4), TimeProvider.System);

    private Task<KmsKey> NewKey(string region, string spec, string usage) =>
        new KmsKeyAdmin(_session).CreateKeyAsync(region, new NewKeyRequest(spec, usage, null, NoTags, null, false, false), default);

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
