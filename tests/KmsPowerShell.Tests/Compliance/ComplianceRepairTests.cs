using KmsPowerShell.Engine.Compliance;

namespace KmsPowerShell.Tests.Compliance;

public class ComplianceRepairTests
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    private static KmsComplianceFix TagFix(string tagKey) =>
        new(KmsComplianceFixActions.TagResource, new Dictionary<string, string> { ["TagKey"] = tagKey });

    [Fact]
    public void Complete_TagFixWithItsValue_TagsWithIt()
    {
        var fix = ComplianceRepair.Complete(TagFix("Owner"), null, new Dictionary<string, string> { ["Owner"] = "ops", ["Other"] = "x" });
        Assert.Equal("ops", fix.Arguments["TagValue"]);
        Assert.Equal("Tag Owner=ops", ComplianceRepair.Describe(fix));
    }

    [Fact]
    public void Complete_EmptyTagValue_IsAValue()
    {
        var fix = ComplianceRepair.Complete(TagFix("Owner"), null, new Dictionary<string, string> { ["Owner"] = "" });
        Assert.Equal("Tag Owner=", ComplianceRepair.Describe(fix));
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("CostCenter")]
    public void Complete_NoValueForTheTag_TagValueMissingNamingIt(string given)
    {
        var error = Assert.Throws<KmsArgumentException>(() => ComplianceRepair.Complete(TagFix("Owner"), null, new Dictionary<string, string> { [given] = "ops" }));
        Assert.Equal("TagValueMissing", error.Problem);
        Assert.Contains("-Tag @{ 'Owner' = '...' }", error.Message);
    }

    [Fact]
    public void Complete_RotationPeriodGiven_OverridesTheChecks()
    {
        var proposed = new KmsComplianceFix(KmsComplianceFixActions.EnableKeyRotation, new Dictionary<string, string> { ["RotationPeriodInDays"] = "365" });
        Assert.Equal("Enable automatic rotation every 180 days", ComplianceRepair.Describe(ComplianceRepair.Complete(proposed, 180, NoTags)));
        Assert.Equal("Enable automatic rotation every 365 days", ComplianceRepair.Describe(ComplianceRepair.Complete(proposed, null, NoTags)));
    }

    [Fact]
    public void Complete_OtherFixes_Unchanged()
    {
        var retire = new KmsComplianceFix(KmsComplianceFixActions.RetireGrant, new Dictionary<string, string> { ["GrantId"] = "g-1" });
        var completed = ComplianceRepair.Complete(retire, 180, new Dictionary<string, string> { ["Owner"] = "ops" });
        Assert.Equal(retire.Arguments, completed.Arguments);
        Assert.Equal("Retire grant g-1", ComplianceRepair.Describe(completed));
    }
}
