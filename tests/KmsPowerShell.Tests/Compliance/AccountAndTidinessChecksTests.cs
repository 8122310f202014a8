using KmsPowerShell.Engine.Compliance;
using static KmsPowerShell.Tests.Compliance.Snapshots;

namespace KmsPowerShell.Tests.Compliance;

public class AccountAndTidinessChecksTests
{
    private const string MrkId = "mrk-1234abcd12ab34cd56ef1234567890ab";

    private static KeySnapshot Replica(string region, string type, string policy, bool rotation = true)
    {
        var key = Key(keyId: MrkId, region: region, multiRegion: true, multiRegionKeyType: type);
        return Snapshot(key, policy, Rotation(key, rotation));
    }

    [Fact]
    public void ReplicaDrift_ReplicaPolicyDiffers_FindingOnTheReplicaPutsThePrimarysPolicy()
    {
        var keys = new[] { Replica("eu-west-1", "REPLICA", PolicyWith("""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""")), Replica("us-east-1", "PRIMARY", RootPolicy) };
        var finding = Assert.Single(new ReplicaDriftCheck().CheckAccount(keys, Settings()));
        Assert.Equal("eu-west-1", finding.Region);
        Assert.Contains("key policy", finding.Problem);
        Assert.Equal((KmsComplianceFixActions.PutKeyPolicy, true, RootPolicy), (finding.Fix?.Action, finding.Fix?.IsPolicyChange, finding.Fix?.Arguments["Policy"]));
        Assert.StartsWith($"Set-KmsKeyPolicy -KeyId 'arn:aws:kms:eu-west-1:{Account}:key/{MrkId}'", finding.Remediation);
    }

    [Fact]
    public void ReplicaDrift_SamePolicyDifferentSpacing_NoFinding()
    {
        var keys = new[] { Replica("us-east-1", "PRIMARY", RootPolicy), Replica("eu-west-1", "REPLICA", RootPolicy.Replace("\n", "").Replace(",\"", ", \"")) };
        Assert.Empty(new ReplicaDriftCheck().CheckAccount(keys, Settings()));
    }

    [Fact]
    public void ReplicaDrift_RotationDiffers_FindingWithoutFix()
    {
        var keys = new[] { Replica("us-east-1", "PRIMARY", RootPolicy), Replica("eu-west-1", "REPLICA", RootPolicy, rotation: false) };
        var finding = Assert.Single(new ReplicaDriftCheck().CheckAccount(keys, Settings()));
        Assert.Contains("rotation", finding.Problem);
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void ReplicaDrift_SingleRegionKeysWithDifferentPolicies_NoFinding()
    {
        var keys = new[] { Snapshot(Key(region: "us-east-1")), Snapshot(Key(region: "eu-west-1"), PolicyWith("""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""")) };
        Assert.Empty(new ReplicaDriftCheck().CheckAccount(keys, Settings()));
    }

    [Theory]
    [InlineData("DISCONNECTED", true)]
    [InlineData("FAILED", true)]
    [InlineData("CONNECTED", false)]
    public void KeyStoreNotConnected_ByConnectionState(string state, bool found)
    {
        var store = new StoreSnapshot(new ComplianceScope(Account, "us-east-1"),
            new KmsCustomKeyStore("cks-1234567890abcdef0", "hsm-store", "us-east-1") { ConnectionState = state }, Now);
        var findings = new KeyStoreNotConnectedCheck().CheckStore(store, Settings()).ToList();
        Assert.Equal(found ? 1 : 0, findings.Count);
        if (!found) return;
        Assert.Equal(("cks-1234567890abcdef0", KmsComplianceFixActions.ConnectCustomKeyStore), (findings[0].CustomKeyStoreId, findings[0].Fix?.Action));
        Assert.Equal("Connect-KmsCustomKeyStore -CustomKeyStoreId 'cks-1234567890abcdef0' -Region 'us-east-1'", findings[0].Remediation);
    }

    [Fact]
    public void DescriptionMissing_EmptyDescription_Finding()
    {
        Assert.Single(Findings<DescriptionMissingCheck>(Snapshot(Key(description: " "))));
    }

    [Fact]
    public void AliasMissing_NoAlias_Finding()
    {
        Assert.Single(Findings<AliasMissingCheck>(Snapshot(withAlias: false)));
    }

    [Fact]
    public void AliasMissing_AliasesUnreadable_NoFinding()
    {
        Assert.Empty(Findings<AliasMissingCheck>(Snapshot(withAlias: false, unreadable: new Dictionary<string, string> { ["Aliases"] = "AccessDenied" })));
    }

    [Fact]
    public void RequiredTagMissing_OneOfTwoMissing_OneFindingNamingIt()
    {
        var finding = Assert.Single(Findings<RequiredTagMissingCheck>(Snapshot(), Settings("Owner", "CostCenter")));
        Assert.Contains("no CostCenter tag", finding.Problem);
        Assert.Equal("ListResourceTags: Owner", finding.Evidence);
        Assert.Equal(KmsComplianceFixActions.TagResource, finding.Fix?.Action);
        Assert.Equal("CostCenter", Assert.Single(finding.Fix!.Arguments, a => a.Key == "TagKey").Value);
        Assert.DoesNotContain("TagValue", finding.Fix.Arguments.Keys);
    }

    [Fact]
    public void RequiredTagMissing_TagKeyDiffersInCase_Finding()
    {
        Assert.Single(Findings<RequiredTagMissingCheck>(Snapshot(), Settings("owner")));
    }
}
