namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>The "did you mean 'alias/payroll'?" hint of KeyNotFound, on a local KMS of its own.</summary>
public sealed class AliasHintTests : IDisposable
{
    private readonly LocalSession _local = new();

    public AliasHintTests() => _local.NewAlias("alias/payroll", _local.NewKey());

    public void Dispose() => _local.Dispose();

    private static KmsServiceException NotFound(string name) => new("NotFoundException", $"Key '{name}' does not exist.", 400, "request-1", null);

    private Exception Add(Exception exception, object? target, Dictionary<string, object>? bound = null) =>
        AliasHint.Add(exception, target, bound ?? [], _local.Session, CancellationToken.None);

    [Fact]
    public void AsksWhetherABareWordMeantTheAliasOfThatName()
    {
        var notFound = NotFound("payroll");
        var hinted = Assert.IsType<KmsServiceException>(Add(notFound, "payroll"));
        Assert.Equal("Key 'payroll' does not exist: did you mean 'alias/payroll'?", hinted.Message);
        Assert.Equal(("NotFoundException", 400, "request-1"), (hinted.ErrorCode, hinted.StatusCode, hinted.RequestId));
        Assert.Same(notFound, hinted.InnerException);
    }

    [Fact]
    public void ReadsTheWordFromTheKeyIdOnTheLine()
    {
        var bound = new Dictionary<string, object> { ["KeyId"] = new[] { new KmsKeyReference("other"), new KmsKeyReference("payroll") } };
        Assert.EndsWith("did you mean 'alias/payroll'?", Add(NotFound("x"), null, bound).Message);
    }

    [Fact]
    public void LooksForTheAliasInTheRegionOnTheLine()
    {
        var notFound = NotFound("payroll");
        Assert.Same(notFound, Add(notFound, "payroll", new Dictionary<string, object> { ["Region"] = "eu-west-1" }));
        Assert.NotSame(notFound, Add(notFound, "payroll", new Dictionary<string, object> { ["Region"] = new[] { "eu-west-1", LocalSession.Region } }));
    }

    [Fact]
    public void LeavesAloneAWordThatNamesNoAlias()
    {
        var notFound = NotFound("salaries");
        Assert.Same(notFound, Add(notFound, "salaries"));
    }

    [Fact]
    public void NeverHintsForWhatIsShapedLikeAKeyIdOrIsAnAliasAlready()
    {
        _local.NewAlias($"alias/{Keys.KeyId}", _local.NewKey());
        _local.NewAlias("alias/mrk-0123456789abcdef0123456789abcdef", _local.NewKey());
        foreach (var word in new[] { Keys.KeyId, "mrk-0123456789abcdef0123456789abcdef", "alias/payroll", Keys.Arn })
        {
            var notFound = NotFound(word);
            Assert.Same(notFound, Add(notFound, word));
        }
    }

    [Fact]
    public void HintsOnlyForKeyNotFound()
    {
        var denied = new KmsServiceException("AccessDeniedException", "No.", 400, null, null);
        Assert.Same(denied, Add(denied, "payroll"));
        var notFound = NotFound("payroll");
        Assert.Same(notFound, AliasHint.Add(notFound, "payroll", new Dictionary<string, object>(), null, CancellationToken.None));
    }
}
