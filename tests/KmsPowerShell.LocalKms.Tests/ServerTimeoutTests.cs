using Amazon.KeyManagementService.Model;
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

    /// <summary>Sends <paramref name="sent"/> on a new connection, then waits: what the server answers before it closes the connection.</summary>
    private static async Task<string> AnswerUntilClosedAsync(LocalKmsServerOptions options, string sent)
    {
        using var service = new LocalKmsService();
        await using var server = Start(service, options);
        using var client = await RawHttp.ConnectAsync(server.Port);
        await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(sent));
        return await RawHttp.ReadUntilClosedAsync(client).WaitAsync(RawHttp.Patience);
    }

    [Theory]
    [InlineData("")]
    [InlineData("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")]
    public async Task Server_HeadNotCompleteWithinHeaderTimeout_ClosesTheConnection(string partialHead)
    {
        Assert.Equal("", await AnswerUntilClosedAsync(new LocalKmsServerOptions { HeaderTimeout = Short, IdleTimeout = Long, BodyTimeout = Long }, partialHead));
    }

    [Fact]
    public async Task Server_KeepAliveConnectionIdlePastIdleTimeout_ClosesItAfterTheAnswer()
    {
        var answer = await AnswerUntilClosedAsync(new LocalKmsServerOptions { HeaderTimeout = Long, IdleTimeout = Short, BodyTimeout = Long },
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.Contains("Connection: keep-alive", answer);
        Assert.Contains("MissingAuthenticationTokenException", answer);
    }

    [Fact]
    public async Task Server_BodyNotCompleteWithinBodyTimeout_ClosesTheConnection()
    {
        Assert.Equal("", await AnswerUntilClosedAsync(new LocalKmsServerOptions { HeaderTimeout = Long, IdleTimeout = Long, BodyTimeout = Short },
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n{}"));
    }

    [Fact]
    public async Task Server_PastTheConnectionCap_AnswersOnceIdleConnectionsAreClosed()
    {
        using var service = new LocalKmsService();
        await using var server = Start(service, new LocalKmsServerOptions { HeaderTimeout = Short, MaxConnections = 2 });
        using var first = await RawHttp.ConnectAsync(server.Port);
        using var second = await RawHttp.ConnectAsync(server.Port);
        var closed = new[] { RawHttp.ReadUntilClosedAsync(first), RawHttp.ReadUntilClosedAsync(second) };

        using var kms = LocalKmsServerTests.ClientFor(server.Port);
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
