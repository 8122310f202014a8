using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

public sealed class LocalKmsRegistryTests : StateFolderTests
{
    private void AssertStateFileFree() =>
        new LocalKmsService(new LocalKmsOptions { StatePath = StatePath }).Dispose();

    private void AssertStateFileHeld() =>
        Assert.ThrowsAny<IOException>(() => new LocalKmsService(new LocalKmsOptions { StatePath = StatePath }));

    [Fact]
    public void Open_TwoHoldersOfOneStateFile_ShareOneInstanceUntilTheLastLetsGo()
    {
        var first = LocalKmsRegistry.Open(StatePath, out var a);
        var second = LocalKmsRegistry.Open(StatePath, out var b);
        Assert.Same(a, b);
        Assert.Equal(2, LocalKmsRegistry.HolderCount(StatePath));

        first.Dispose();
        Assert.Same(a, LocalKmsRegistry.Find(StatePath));
        AssertStateFileHeld();

        second.Dispose();
        Assert.Null(LocalKmsRegistry.Find(StatePath));
        Assert.Equal(0, LocalKmsRegistry.HolderCount(StatePath));
        AssertStateFileFree();
    }

    [Fact]
    public void Dispose_SameHoldTwice_CountsOnce()
    {
        var kept = LocalKmsRegistry.Open(StatePath, out _);
        var twice = LocalKmsRegistry.Open(StatePath, out _);
        twice.Dispose();
        twice.Dispose();
        Assert.Equal(1, LocalKmsRegistry.HolderCount(StatePath));
        kept.Dispose();
        AssertStateFileFree();
    }

    [Fact]
    public void StopServer_LastHolderOfStateFile_ReleasesIt()
    {
        var server = LocalKmsRegistry.StartServer(StatePath, 0);
        var session = LocalKmsRegistry.Open(StatePath, out var instance);
        Assert.Same(instance, LocalKmsRegistry.ServedOn(server.Port));
        session.Dispose();
        AssertStateFileHeld();

        Assert.True(LocalKmsRegistry.StopServer(server.Port));
        Assert.Null(LocalKmsRegistry.ServedOn(server.Port));
        AssertStateFileFree();
    }

    [Fact]
    public void Open_AfterRelease_ReadsTheStateFileAgain()
    {
        using (LocalKmsRegistry.Open(StatePath, out var before))
        {
            before.Clock.Advance(TimeSpan.FromDays(1));
        }
        using var again = LocalKmsRegistry.Open(StatePath, out var after);
        Assert.Equal(TimeSpan.Zero, after.Clock.Offset);
    }

    [Fact]
    public void Release_InMemoryInstance_StaysForTheProcess()
    {
        LocalKmsRegistry.Open(null, out var inMemory).Dispose();
        Assert.Same(inMemory, LocalKmsRegistry.Find(null));
    }

    [Fact]
    public void Open_StateFileHeldElsewhere_LocalStateUnavailableNamingTheHolder()
    {
        using var elsewhere = new LocalKmsService(new LocalKmsOptions { StatePath = StatePath });
        var refused = Assert.Throws<KmsConfigurationException>(() => LocalKmsRegistry.Open(StatePath, out _));
        Assert.Equal("LocalStateUnavailable", refused.Problem);
        Assert.Contains($"is in use by process {Environment.ProcessId} (", refused.Message);
        Assert.Equal(0, LocalKmsRegistry.HolderCount(StatePath));
    }
}
