using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace KmsPowerShell.LocalKms.Http;

/// <summary>
/// Serves a local KMS over HTTP/1.1 on 127.0.0.1 only (never another interface), for awscli and other SDKs.
/// Port 0 takes a free port; <see cref="Endpoint"/> says which. Keep-alive connections; no TLS. Slow or idle clients
/// are bounded by the timeouts of <see cref="LocalKmsServerOptions"/>, and at most its MaxConnections are served at
/// once; an accept error (such as running out of file descriptors) is waited out, never the end of the server.
/// </summary>
public sealed class LocalKmsServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(1);
    // What a refused request may still send after its answer is read and dropped, so the client reads the answer
    // instead of a connection reset.
    private const int LingerBytes = 1024 * 1024;

    private readonly LocalKmsService _service;
    private readonly LocalKmsServerOptions _options;
    private readonly TcpListener _listener;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private Task? _acceptLoop;

    public LocalKmsServer(LocalKmsService service, int port = 0, LocalKmsServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _options = options ?? new LocalKmsServerOptions();
        _options.Validate();
        _service = service;
        _slots = new SemaphoreSlim(_options.MaxConnections);
        _listener = new TcpListener(IPAddress.Loopback, port);
        AcceptClient = _listener.AcceptTcpClientAsync;
    }

    /// <summary>Takes the next connection from the listener; tests put accept errors in front of it.</summary>
    internal Func<CancellationToken, ValueTask<TcpClient>> AcceptClient { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public bool IsRunning => _acceptLoop is { IsCompleted: false };

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_acceptLoop is not null) throw new InvalidOperationException("The local KMS server is already started.");
        _listener.Start();
        _acceptLoop = AcceptAsync(_stopping.Token);
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _listener.Stop();
        foreach (var client in _connections.Keys) client.Dispose();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    public void Stop() => StopAsync().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => new(StopAsync());

    public void Dispose() => Stop();

    private async Task AcceptAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                TcpClient client;
                try { client = await AcceptClient(stopping).ConfigureAwait(false); }
                catch { _slots.Release(); throw; }
                backoff = TimeSpan.Zero;
                _connections[client] = Task.CompletedTask;
                // TryUpdate, not a set: a connection that already ended has removed itself and must stay removed.
                _connections.TryUpdate(client, ServeAsync(client, stopping), Task.CompletedTask);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Stopped: the listener is closed (ObjectDisposed, InvalidOperation) or the wait was cancelled.
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset or SocketError.Interrupted)
            {
                // That one client gave up before it was accepted; the next one is unaffected.
            }
            catch (SocketException)
            {
                // Out of file descriptors (EMFILE, ENFILE) or another resource: wait for connections to close, then retry.
                backoff = backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LastBackoff.Ticks));
                try { await Task.Delay(backoff, _options.Clock, stopping).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            using (client)
            using (var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _options.Clock))
            using (stopping.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline))
            {
                await ServeRequestsAsync(client, deadline, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
        {
            // A broken, timed-out or stopped connection ends that connection only. Stop disposes clients that may not
            // have started yet: TcpClient then has no socket, and its first use fails in any way (NullReference for NoDelay).
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _slots.Release();
        }
    }

    /// <summary>Serves one connection's requests, each phase within its timeout: <paramref name="deadline"/> is re-armed for each.</summary>
    private async Task ServeRequestsAsync(TcpClient client, CancellationTokenSource deadline, CancellationToken stopping)
    {
        client.NoDelay = true;
        var stream = client.GetStream();
        // Reads are buffered (the request reader takes its head a byte at a time); writes go straight out.
        var reader = new HttpRequestReader(new BufferedStream(stream, 16 * 1024));
        var timeout = deadline.Token;
        deadline.CancelAfter(_options.HeaderTimeout);
        for (var first = true; ; first = false)
        {
            if (!first) deadline.CancelAfter(_options.IdleTimeout);
            if (!await reader.WaitForRequestAsync(timeout).ConfigureAwait(false)) return;
            if (!first) deadline.CancelAfter(_options.HeaderTimeout);
            LocalKmsRequest request;
            bool keepAlive;
            try
            {
                var head = await reader.ReadHeadAsync(timeout).ConfigureAwait(false);
                deadline.CancelAfter(_options.BodyTimeout);
                request = await reader.ReadBodyAsync(head, () => stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), timeout).AsTask(), timeout)
                    .ConfigureAwait(false);
                keepAlive = head.KeepAlive;
            }
            catch (HttpProtocolException refused)
            {
                await RefuseAsync(client.Client, stream, refused.ToResponse(), timeout).ConfigureAwait(false);
                return;
            }
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            var response = await _service.HandleAsync(request, stopping).ConfigureAwait(false);
            if (response.DropConnection)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                return;
            }
            deadline.CancelAfter(_options.BodyTimeout);
            await HttpResponseWriter.WriteAsync(stream, response, keepAlive, timeout).ConfigureAwait(false);
            if (!keepAlive) return;
        }
    }

    /// <summary>Answers a refused request, then reads and drops a bounded amount of what the client still sends.</summary>
    private static async Task RefuseAsync(Socket socket, NetworkStream stream, LocalKmsResponse response, CancellationToken timeout)
    {
        await HttpResponseWriter.WriteAsync(stream, response, keepAlive: false, timeout).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Send);
        var sink = new byte[16 * 1024];
        for (var drained = 0; drained < LingerBytes;)
        {
            var read = await stream.ReadAsync(sink, timeout).ConfigureAwait(false);
            if (read == 0) return;
            drained += read;
        }
    }
}
