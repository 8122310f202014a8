namespace KmsPowerShell.Cmdlets.Tests;

public class AliasPatternsTests
{
    [Theory]
    [InlineData("webhook", "alias/webhook")]
    [InlineData("alias/webhook", "alias/webhook")]
    [InlineData("team/app", "alias/team/app")]
    [InlineData("Alias/webhook", "alias/Alias/webhook")]
    public void AddsTheAliasPrefixOnlyWhenItIsMissing(string given, string expected) =>
        Assert.Equal(expected, AliasPatterns.WithPrefix(given));

    [Theory]
    [InlineData("alias/webhook", "webhook")]
    [InlineData("webhook", "webhook")]
    [InlineData("alias/", "")]
    public void DropsTheAliasPrefix(string given, string expected) =>
        Assert.Equal(expected, AliasPatterns.WithoutPrefix(given));

    [Fact]
    public void MatchesNamesGivenWithOrWithoutThePrefixAsExactNames()
    {
        var patterns = new AliasPatterns(["webhook", "alias/payroll"]);
        Assert.Equal((true, true), patterns.Match("alias/webhook"));
        Assert.Equal((true, true), patterns.Match("alias/payroll"));
        Assert.Equal((false, false), patterns.Match("alias/other"));
    }

    [Fact]
    public void MatchesWildcardsIgnoringCaseWithoutCallingThemExact()
    {
        var patterns = new AliasPatterns(["APP-*"]);
        Assert.Equal((true, false), patterns.Match("alias/app-data"));
        Assert.Equal((false, false), patterns.Match("alias/web-app"));
    }

    [Fact]
    public void CallsAMatchExactWhenAnyExactNameMatchesBesideAWildcard()
    {
        var patterns = new AliasPatterns(["app-*", "app-data"]);
        Assert.Equal((true, true), patterns.Match("alias/app-data"));
        Assert.Equal((true, false), patterns.Match("alias/app-logs"));
    }

    [Fact]
    public void ReportsEachExactNameThatMatchedNothingAsGiven()
    {
        var patterns = new AliasPatterns(["found", "missing", "alias/gone", "none-*"]);
        patterns.Match("alias/found");
        patterns.Match("alias/unrelated");
        var notFound = patterns.NotFound().ToArray();
        Assert.Equal(["missing", "alias/gone"], notFound.Select(n => n.Given));
        Assert.All(notFound, n => Assert.Equal("AliasNotFound", n.Error.ErrorCode));
        Assert.Equal(["Alias alias/missing is not found.", "Alias alias/gone is not found."], notFound.Select(n => n.Error.Message));
    }

    [Fact]
    public void ReportsNothingWhenEveryExactNameMatched()
    {
        var patterns = new AliasPatterns(["a", "b"]);
        patterns.Match("alias/b");
        patterns.Match("alias/a");
        Assert.Empty(patterns.NotFound());
    }
}
