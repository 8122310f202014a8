using System.Net.Sockets;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests;

public class LocalKmsServerTests
{
    private static AmazonKeyManagementServiceClient ClientFor(LocalKmsServer server) => ClientFor(server.Port);

    internal static AmazonKeyManagementServiceClient ClientFor(int port, string region = "us-east-1") =>
        new(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = $"http://127.0.0.1:{port}/", AuthenticationRegion = region, MaxErrorRetry = 0 });

    [Fact]
    public async Task Start_PortZero_ServesTheSdkOnALoopbackPort()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        Assert.Equal("127.0.0.1", server.Endpoint.Host);
        Assert.True(server.Port > 0);

        using var client = ClientFor(server);
        var key = (await client.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("over http") })).CiphertextBlob;
        Assert.Equal("over http", LocalKmsHarness.Text((await client.DecryptAsync(new DecryptRequest { CiphertextBlob = blob })).Plaintext));
        await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = Guid.NewGuid().ToString() }));
    }

    [Fact]
    public async Task Stop_RunningServer_RefusesNewConnections()
    {
        using var service = new LocalKmsService();
        var server = new LocalKmsServer(service);
        server.Start();
        var port = server.Port;
        await server.StopAsync();
        Assert.False(server.IsRunning);
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task Faults_DropConnectionOverHttp_SdkSeesTransportFailure()
    {
        using var service = new LocalKmsService(new LocalKmsOptions { Faults = new LocalKmsFaults(DropConnectionRate: 1) });
        await using var server = new LocalKmsServer(service);
        server.Start();
        using var client = ClientFor(server);
        await Assert.ThrowsAnyAsync<Exception>(() => client.ListKeysAsync(new ListKeysRequest()));
        service.Faults = LocalKmsFaults.None;
        await client.ListKeysAsync(new ListKeysRequest());
    }
}
