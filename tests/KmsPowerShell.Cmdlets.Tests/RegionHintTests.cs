namespace KmsPowerShell.Cmdlets.Tests;

public class RegionHintTests
{
    [Fact]
    public void SaysNothingOfARegionTheSdkKnows() => Assert.Null(RegionHint.Warning("eu-west-1"));

    [Theory]
    [InlineData("us-eats-1", "us-east-1")]
    [InlineData("eu-west-9", "eu-west-1")]
    [InlineData("ap-southeast-22", "ap-southeast-2")]
    public void NamesTheClosestKnownRegion(string typed, string meant) =>
        Assert.Equal($"{typed} is not a region KmsPowerShell knows; did you mean {meant}?", RegionHint.Warning(typed));

    [Theory]
    [InlineData("")]
    [InlineData("US-EAST-1")]
    [InlineData("not a region")]
    public void LeavesWhatIsNoRegionNameToTheRegionInvalidError(string text) => Assert.Null(RegionHint.Warning(text));
}
