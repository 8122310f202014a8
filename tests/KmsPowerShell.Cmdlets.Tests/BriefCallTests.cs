namespace KmsPowerShell.Cmdlets.Tests;

public class BriefCallTests
{
    [Fact]
    public void ReturnsWhatTheCallsReturn() =>
        Assert.Equal("listed", BriefCall.Run(_ => Task.FromResult("listed")));

    [Fact]
    public void ReturnsNothingWhenKmsFailsOrTheSessionIsClosed()
    {
        Assert.Null(BriefCall.Run<string>(_ => Task.FromException<string>(new KmsServiceException("AccessDeniedException", "No.", 400, null, null))));
        Assert.Null(BriefCall.Run<string>(_ => throw new ObjectDisposedException("KmsSession")));
    }

    [Fact]
    public void ReturnsNothingWhenTheCallerCancels()
    {
        using var cancel = new CancellationTokenSource();
        var result = BriefCall.Run(async token =>
        {
            cancel.Cancel();
            await Task.Delay(Timeout.Infinite, token);
            return "never";
        }, cancel.Token);
        Assert.Null(result);
    }

    [Fact]
    public void PassesTheCallerTokenOnToTheCalls()
    {
        using var cancel = new CancellationTokenSource();
        var result = BriefCall.Run(token =>
        {
            cancel.Cancel();
            return Task.FromResult(token.IsCancellationRequested ? "cancelled with the caller" : "not cancelled");
        }, cancel.Token);
        Assert.Equal("cancelled with the caller", result);
    }

    [Fact]
    public void LetsABugSurface() =>
        Assert.Throws<InvalidOperationException>(() => BriefCall.Run<string>(_ => throw new InvalidOperationException("bug")));
}
