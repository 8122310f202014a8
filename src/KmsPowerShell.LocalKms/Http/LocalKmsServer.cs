using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace KmsPowerShell.LocalKms.Http;

/// <summary>
/// Serves a local KMS over HTTP/1.1 on 127.0.0.1 only (never another interface), for awscli and other SDKs.
/// Port 0 takes a free port; <see cref="Endpoint"/> says which. Keep-alive connections; no TLS.
/// </summary>
public sealed class LocalKmsServer : IAsyncDisposable, IDisposable
{
    private readonly LocalKmsService _service;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private Task? _acceptLoop;

    public LocalKmsServer(LocalKmsService service, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        _service = service;
        _listener = new TcpListener(IPAddress.Loopback, port);
    }

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
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(stopping).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _connections[client] = ServeAsync(client, stopping);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                // Reads are buffered (the request reader takes its head a byte at a time); writes go straight out.
                var input = new BufferedStream(stream, 16 * 1024);
                while (!stopping.IsCancellationRequested)
                {
                    var next = await HttpRequestReader.ReadAsync(input, () => stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), stopping).AsTask(), stopping)
                        .ConfigureAwait(false);
                    if (next is not { } incoming) return;
                    var response = await _service.HandleAsync(incoming.Request, stopping).ConfigureAwait(false);
                    if (response.DropConnection)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }
                    await HttpResponseWriter.WriteAsync(stream, response, incoming.KeepAlive, stopping).ConfigureAwait(false);
                    if (!incoming.KeepAlive) return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException or FormatException)
        {
            // A broken or malformed connection ends that connection only.
        }
        finally
        {
            _connections.TryRemove(client, out _);
        }
    }
}
