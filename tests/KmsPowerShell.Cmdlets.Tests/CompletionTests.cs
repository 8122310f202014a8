using System.Collections;
using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class CompletionTests
{
    private static readonly CompletionCandidate[] Aliases =
    [
        new("alias/payroll", AlsoMatches: "payroll"),
        new("alias/app-data", AlsoMatches: "app-data"),
        new("alias/App-logs", AlsoMatches: "App-logs"),
    ];

    private static string[] Values(IEnumerable<CompletionCandidate> candidates) => candidates.Select(c => c.Value).ToArray();

    [Fact]
    public void OffersWhatTheTypedWordBeginsIgnoringCaseInOrdinalOrder() =>
        Assert.Equal(["alias/App-logs", "alias/app-data"], Values(Completion.Filter(Aliases, "ALIAS/app")));

    [Fact]
    public void MatchesTheOtherTextAnAliasWithoutItsPrefix() =>
        Assert.Equal(["alias/payroll"], Values(Completion.Filter(Aliases, "pay")));

    [Fact]
    public void TakesWildcardsAndQuotesInTheTypedWord()
    {
        Assert.Equal(["alias/App-logs", "alias/app-data"], Values(Completion.Filter(Aliases, "*-")));
        Assert.Equal(["alias/payroll"], Values(Completion.Filter(Aliases, "'alias/p")));
    }

    [Fact]
    public void OffersEverythingForAnEmptyWordAndNothingThatDoesNotMatch()
    {
        Assert.Equal(3, Completion.Filter(Aliases, "").Count);
        Assert.Empty(Completion.Filter(Aliases, "zzz"));
    }

    [Theory]
    [InlineData("alias/plain", "alias/plain")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("a$b", "'a$b'")]
    [InlineData("a;b", "'a;b'")]
    [InlineData("tag(1)", "'tag(1)'")]
    public void QuotesWhatTheShellWouldOtherwiseRead(string value, string inserted) =>
        Assert.Equal(inserted, Completion.Results([new CompletionCandidate(value)]).Single().CompletionText);

    [Fact]
    public void ListsAndExplainsEachValueAsAParameterValue()
    {
        var plain = Completion.Results([new CompletionCandidate("k1")]).Single();
        Assert.Equal(("k1", "k1", CompletionResultType.ParameterValue), (plain.ListItemText, plain.ToolTip, plain.ResultType));
        var described = Completion.Results([new CompletionCandidate("k1", "k1 (alias/a)", "alias/a -> k1")]).Single();
        Assert.Equal(("k1 (alias/a)", "alias/a -> k1"), (described.ListItemText, described.ToolTip));
    }

    [Fact]
    public void CompletesTheOnePolicyName()
    {
        Assert.Equal(["default"], Complete(new PolicyNameCompleter(), "DEF"));
        Assert.Empty(Complete(new PolicyNameCompleter(), "x"));
    }

    [Fact]
    public void CompletesGrantOperations() =>
        Assert.Equal(["ReEncryptFrom", "ReEncryptTo", "RetireGrant"], Complete(new GrantOperationCompleter(), "re"));

    [Fact]
    public void CompletesRegionNamesTheSdkKnows()
    {
        var regions = Complete(new RegionCompleter(), "us-east-");
        Assert.Contains("us-east-1", regions);
        Assert.All(regions, r => Assert.StartsWith("us-east-", r, StringComparison.Ordinal));
    }

    private static string[] Complete(IArgumentCompleter completer, string word) =>
        completer.CompleteArgument("Get-Something", "Name", word, null!, new Hashtable()).Select(r => r.CompletionText).ToArray();
}

public class CompletionContextTests
{
    [Fact]
    public void ReadsTheFirstKeyNamedOnTheLine()
    {
        Assert.Equal("alias/app", CompletionContext.KeyId(new Hashtable { ["KeyId"] = "alias/app" }));
        Assert.Equal("k1", CompletionContext.KeyId(new Hashtable { ["KeyId"] = new object[] { PSObject.AsPSObject("k1"), "k2" } }));
        Assert.Equal("alias/ref", CompletionContext.KeyId(new Hashtable { ["KeyId"] = new[] { new KmsKeyReference("alias/ref") } }));
        Assert.Equal(Keys.Arn, CompletionContext.KeyId(new Hashtable { ["KeyId"] = PSObject.AsPSObject(Keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")) }));
    }

    [Fact]
    public void ReadsNoKeyFromAnEmptyOrMissingKeyId()
    {
        Assert.Null(CompletionContext.KeyId(new Hashtable()));
        Assert.Null(CompletionContext.KeyId(new Hashtable { ["KeyId"] = "" }));
        Assert.Null(CompletionContext.KeyId(new Hashtable { ["KeyId"] = 42 }));
    }
}

public class AliasNameCompleterTests
{
    [Fact]
    public void OffersAliasesInTheirPrefixedFormMatchingTheNameWithoutIt()
    {
        var candidate = AliasNameCompleter.Candidates([Keys.Alias("alias/payroll")]).Single();
        Assert.Equal(new CompletionCandidate("alias/payroll", "alias/payroll", $"alias/payroll -> {Keys.KeyId}", "payroll"), candidate);
        Assert.Equal(["alias/payroll"], Completion.Filter([candidate], "pay").Select(c => c.Value));
    }
}
