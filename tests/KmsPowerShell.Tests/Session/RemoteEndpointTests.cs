using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.Engine.Errors;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Tests.Session;

public class RemoteEndpointTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Call_EndpointRedirects_FailsWithStatusAndLocationAndSendsNothingThere(int status)
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var location = $"http://127.0.0.1:{((IPEndPoint)target.LocalEndpoint).Port}/elsewhere";
        await using var endpoint = CannedHttpServer.Start($"HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var pool = new KmsClientPool(new ClientSettings(new BasicAWSCredentials("AKID", "secret"), "test", endpoint.Url,
            KmsRetryMode.Standard, 3, TimeSpan.FromSeconds(10), false, false));

        var error = await Assert.ThrowsAsync<KmsServiceException>(() => pool.CallAsync("us-east-1",
            (client, ct) => client.EncryptAsync(new EncryptRequest { KeyId = "alias/app", Plaintext = new MemoryStream("secret"u8.ToArray()) }, ct),
            CancellationToken.None));

        Assert.Equal(KmsCall.EndpointRedirected, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.Contains(location, error.Message);
        Assert.False(target.Pending(), "the redirect's target got a connection");
        Assert.Equal(1, endpoint.Requests);
    }

    [Fact]
    public void HttpsOnlyProxy_HttpGoesDirect_HttpsUsesTheProxy()
    {
        var proxy = new HttpsOnlyProxy(new WebProxy("http://127.0.0.2:3128"));

        Assert.True(proxy.IsBypassed(new Uri("http://127.0.0.1:8080/")));
        Assert.Null(proxy.GetProxy(new Uri("http://127.0.0.1:8080/")));
        Assert.False(proxy.IsBypassed(new Uri("https://kms.us-east-1.amazonaws.com/")));
        Assert.Equal(new Uri("http://127.0.0.2:3128/"), proxy.GetProxy(new Uri("https://kms.us-east-1.amazonaws.com/")));
    }

    /// <summary>A loopback listener that answers every request with the same bytes and counts the requests.</summary>
    private sealed class CannedHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly byte[] _answer;
        private Task _loop = Task.CompletedTask;
        private int _requests;

        private CannedHttpServer(string answer) => _answer = Encoding.ASCII.GetBytes(answer);

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

        public int Requests => Volatile.Read(ref _requests);

        public static CannedHttpServer Start(string answer)
        {
            var server = new CannedHttpServer(answer);
            server._listener.Start();
            server._loop = server.ServeAsync();
            return server;
        }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    await ReadRequestAsync(stream, _stop.Token);
                    Interlocked.Increment(ref _requests);
                    await stream.WriteAsync(_answer, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, cancellationToken) == 1) head.Append((char)one[0]);
            var length = head.ToString().Split("\r\n")
                .Where(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                .Select(line => int.Parse(line["Content-Length:".Length..].Trim())).FirstOrDefault();
            await stream.ReadExactlyAsync(new byte[length], cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
