using Amazon.Runtime;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Tests.Session;

public class KmsClientPoolTests
{
    private static KmsClientPool NewPool() => new(new ClientSettings(
        new BasicAWSCredentials("AKID", "secret"), "test", new Uri("http://127.0.0.1:1"), KmsRetryMode.Standard, 3, TimeSpan.FromSeconds(5), false, false));

    [Fact]
    public void For_SameRegionFromManyThreads_ReturnsOneClient()
    {
        using var pool = NewPool();
        var clients = new object[64];
        Parallel.For(0, clients.Length, i => clients[i] = pool.For("us-east-1"));
        Assert.Single(clients.Distinct());
    }

    [Fact]
    public void For_TwoRegions_ReturnsTwoClients()
    {
        using var pool = NewPool();
        Assert.NotSame(pool.For("us-east-1"), pool.For("eu-west-1"));
    }

    [Fact]
    public void For_EndpointUrl_SignsForTheClientsRegion()
    {
        using var pool = NewPool();
        Assert.Equal("eu-west-1", pool.For("eu-west-1").Config.AuthenticationRegion);
    }

    [Fact]
    public void For_AfterDispose_ThrowsObjectDisposed()
    {
        var pool = NewPool();
        pool.For("us-east-1");
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.For("us-east-1"));
    }

    [Fact]
    public void For_InvalidRegion_ThrowsRegionInvalid()
    {
        using var pool = NewPool();
        Assert.Equal("RegionInvalid", Assert.Throws<KmsConfigurationException>(() => pool.For("mars-1a")).Problem);
    }

    [Fact]
    public void Settings_RetryAndTimeout_ReachTheClientConfig()
    {
        using var pool = new KmsClientPool(new ClientSettings(new BasicAWSCredentials("AKID", "secret"), "test", null,
            KmsRetryMode.Adaptive, 5, TimeSpan.FromSeconds(7), true, false));
        var config = pool.For("us-west-2").Config;
        Assert.Equal(RequestRetryMode.Adaptive, config.RetryMode);
        Assert.Equal(4, config.MaxErrorRetry);
        Assert.Equal(TimeSpan.FromSeconds(7), config.Timeout);
        Assert.True(config.UseFIPSEndpoint);
    }
}
