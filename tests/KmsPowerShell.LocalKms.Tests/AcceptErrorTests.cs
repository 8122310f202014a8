using System.Collections.Concurrent;
using System.Net.Sockets;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// The accept loop outlives the errors accept() gives: out of descriptors (EMFILE, ENFILE) is waited out with a growing
/// back-off, a client that gave up (ECONNABORTED) is skipped. The errors are the SocketExceptions the runtime throws
/// for them, put in front of the real listener; DescriptorExhaustionTests causes real ones in the Bench task.
/// </summary>
public sealed class AcceptErrorTests
{
    [Theory]
    [InlineData(SocketError.TooManyOpenSockets)]
    [InlineData(SocketError.NoBufferSpaceAvailable)]
    [InlineData(SocketError.ConnectionAborted)]
    [InlineData(SocketError.ConnectionReset)]
    public async Task Server_AcceptFails_AnswersTheNextClient(SocketError error)
    {
        await using var server = new LocalKmsServer(new LocalKmsService());
        var failures = new ConcurrentQueue<SocketError>(Enumerable.Repeat(error, 3));
        var accept = server.AcceptClient;
        server.AcceptClient = stopping => failures.TryDequeue(out var next) ? ValueTask.FromException<TcpClient>(new SocketException((int)next)) : accept(stopping);
        server.Start();

        using var kms = LocalKmsServerTests.ClientFor(server.Port);
        var keys = await kms.ListKeysAsync(new ListKeysRequest()).WaitAsync(RawHttp.Patience);

        Assert.Empty(keys.Keys ?? []);
        Assert.Empty(failures);
        Assert.True(server.IsRunning);
    }

    [Fact]
    public async Task Server_OutOfDescriptors_BacksOffInsteadOfSpinning()
    {
        await using var server = new LocalKmsServer(new LocalKmsService());
        var calls = 0;
        server.AcceptClient = _ =>
        {
            Interlocked.Increment(ref calls);
            return ValueTask.FromException<TcpClient>(new SocketException((int)SocketError.TooManyOpenSockets));
        };
        server.Start();

        await Task.Delay(TimeSpan.FromSeconds(1));

        // The back-off doubles from 50 ms: 0, 50, 150, 350 and 750 ms make five calls in the first second. A loop that
        // retried at once would make thousands.
        Assert.InRange(Volatile.Read(ref calls), 1, 10);
        Assert.True(server.IsRunning);
    }

    [Fact]
    public async Task Server_StoppedWhileBackingOff_Stops()
    {
        var server = new LocalKmsServer(new LocalKmsService());
        var called = new TaskCompletionSource();
        server.AcceptClient = _ =>
        {
            called.TrySetResult();
            return ValueTask.FromException<TcpClient>(new SocketException((int)SocketError.TooManyOpenSockets));
        };
        server.Start();
        await called.Task.WaitAsync(RawHttp.Patience);

        await server.StopAsync().WaitAsync(RawHttp.Patience);

        Assert.False(server.IsRunning);
    }
}
