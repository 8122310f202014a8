using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Idle and slow clients are closed by the server's timeouts; past the connection cap, requests wait their turn.</summary>
public class ServerTimeoutTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    private static LocalKmsServer Start(LocalKmsService service, LocalKmsServerOptions options)
    {
        var server = new LocalKmsServer(service, options: options);
        server.Start();
        return server;
    }

    internal static AmazonKeyManagementServiceClient ClientFor(int port) =>
        new(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = $"http://127.0.0.1:{port}/", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    [Theory]
    [InlineData("")]
    [InlineData("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")]
    public async Task Server_HeadNotCompleteWithinHeaderTimeout_ClosesTheConnection(string partialHead)
    {
        using var service = new LocalKmsService();
        await using var server = Start(service, new LocalKmsServerOptions { HeaderTimeout = Short, IdleTimeout = Long, BodyTimeout = Long });
        using var client = await RawHttp.ConnectAsync(server.Port);
        await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(partialHead));
        Assert.Equal("", await RawHttp.ReadUntilClosedAsync(client).WaitAsync(RawHttp.Patience));
    }

    [Fact]
    public async Task Server_KeepAliveConnectionIdlePastIdleTimeout_ClosesItAfterTheAnswer()
    {
        using var service = new LocalKmsService();
        await using var server = Start(service, new LocalKmsServerOptions { HeaderTimeout = Long, IdleTimeout = Short, BodyTimeout = Long });
        using var client = await RawHttp.ConnectAsync(server.Port);
        await client.GetStream().WriteAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray());
        var answer = await RawHttp.ReadUntilClosedAsync(client).WaitAsync(RawHttp.Patience);
        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.Contains("Connection: keep-alive", answer);
        Assert.Contains("MissingAuthenticationTokenException", answer);
    }

    [Fact]
    public async Task Server_BodyNotCompleteWithinBodyTimeout_ClosesTheConnection()
    {
        using var service = new LocalKmsService();
        await using var server = Start(service, new LocalKmsServerOptions { HeaderTimeout = Long, IdleTimeout = Long, BodyTimeout = Short });
        using var client = await RawHttp.ConnectAsync(server.Port);
        await client.GetStream().WriteAsync("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{}"u8.ToArray());
        Assert.Equal("", await RawHttp.ReadUntilClosedAsync(client).WaitAsync(RawHttp.Patience));
    }

    [Fact]
    public async Task Server_PastTheConnectionCap_AnswersOnceIdleConnectionsAreClosed()
    {
        using var service = new LocalKmsService();
        await using var server = Start(service, new LocalKmsServerOptions { HeaderTimeout = Short, MaxConnections = 2 });
        using var first = await RawHttp.ConnectAsync(server.Port);
        using var second = await RawHttp.ConnectAsync(server.Port);
        var closed = new[] { RawHttp.ReadUntilClosedAsync(first), RawHttp.ReadUntilClosedAsync(second) };

        using var kms = ClientFor(server.Port);
        var keys = await kms.ListKeysAsync(new ListKeysRequest()).WaitAsync(RawHttp.Patience);
        Assert.Empty(keys.Keys ?? []);
        Assert.All(await Task.WhenAll(closed).WaitAsync(RawHttp.Patience), Assert.Empty);
    }

    [Fact]
    public async Task Stop_WhileConnectionsWaitPastTheCap_StopsAndClosesThem()
    {
        using var service = new LocalKmsService();
        var server = Start(service, new LocalKmsServerOptions { HeaderTimeout = Long, MaxConnections = 1 });
        using var served = await RawHttp.ConnectAsync(server.Port);
        using var waiting = await RawHttp.ConnectAsync(server.Port);
        await server.StopAsync().WaitAsync(RawHttp.Patience);
        Assert.False(server.IsRunning);
        Assert.Equal("", await RawHttp.ReadUntilClosedAsync(served).WaitAsync(RawHttp.Patience));
        Assert.Equal("", await RawHttp.ReadUntilClosedAsync(waiting).WaitAsync(RawHttp.Patience));
    }
}
