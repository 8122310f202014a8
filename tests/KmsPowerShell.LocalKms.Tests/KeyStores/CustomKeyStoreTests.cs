using KmsPowerShell.XksProxy;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests.KeyStores;

public class CustomKeyStoreTests
{
    private const string Password = "kmsuser-password-1";

    internal static CreateCustomKeyStoreRequest CloudHsm(string name = "hsm-store", string cluster = "cluster-234abcdefgh") => new()
    {
        CustomKeyStoreName = name,
        CloudHsmClusterId = cluster,
        TrustAnchorCertificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        KeyStorePassword = Password,
    };

    internal static CreateCustomKeyStoreRequest External(string endpoint, string name = "xks-store", string secret = XksProxyServer.DefaultSecretAccessKey) => new()
    {
        CustomKeyStoreName = name,
        CustomKeyStoreType = CustomKeyStoreType.EXTERNAL_KEY_STORE,
        XksProxyConnectivity = XksProxyConnectivityType.PUBLIC_ENDPOINT,
        XksProxyUriEndpoint = endpoint,
        XksProxyUriPath = XksProxyServer.DefaultUriPath,
        XksProxyAuthenticationCredential = new XksProxyAuthenticationCredentialType { AccessKeyId = XksProxyServer.DefaultAccessKeyId, RawSecretAccessKey = secret },
    };

    private static async Task<CustomKeyStoresListEntry> Describe(AmazonKeyManagementServiceClient client, string id) =>
        Assert.Single((await client.DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest { CustomKeyStoreId = id })).CustomKeyStores);

    [Fact]
    public async Task CloudHsm_CreateConnectDisconnectDelete_FollowsTheStates()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var id = (await client.CreateCustomKeyStoreAsync(CloudHsm())).CustomKeyStoreId;
        Assert.Matches("^cks-[0-9a-f]{17}$", id);
        var store = await Describe(client, id);
        Assert.Equal(ConnectionStateType.DISCONNECTED, store.ConnectionState);
        Assert.Equal("cluster-234abcdefgh", store.CloudHsmClusterId);
        Assert.Equal(CustomKeyStoreType.AWS_CLOUDHSM, store.CustomKeyStoreType);

        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        Assert.Equal(ConnectionStateType.CONNECTED, (await Describe(client, id)).ConnectionState);
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException", () => client.DeleteCustomKeyStoreAsync(new DeleteCustomKeyStoreRequest { CustomKeyStoreId = id }));
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException",
            () => client.UpdateCustomKeyStoreAsync(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = id, NewCustomKeyStoreName = "renamed" }));

        await client.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        await client.UpdateCustomKeyStoreAsync(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = id, NewCustomKeyStoreName = "renamed" });
        Assert.Equal("renamed", (await Describe(client, id)).CustomKeyStoreName);
        await client.DeleteCustomKeyStoreAsync(new DeleteCustomKeyStoreRequest { CustomKeyStoreId = id });
        await KmsAssert.FailsWith("CustomKeyStoreNotFoundException", () => Describe(client, id));
    }

    [Fact]
    public async Task Create_SameNameOrCluster_InUseExceptions()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        await client.CreateCustomKeyStoreAsync(CloudHsm());
        await KmsAssert.FailsWith("CustomKeyStoreNameInUseException", () => client.CreateCustomKeyStoreAsync(CloudHsm(cluster: "cluster-345abcdefgh")));
        await KmsAssert.FailsWith("CloudHsmClusterInUseException", () => client.CreateCustomKeyStoreAsync(CloudHsm(name: "other")));
        // Another region is another scope.
        await kms.Client("eu-west-1").CreateCustomKeyStoreAsync(CloudHsm());
    }

    [Fact]
    public async Task Create_ShortPassword_ValidationNeverQuotesTheSecret()
    {
        using var kms = new LocalKmsHarness();
        var request = CloudHsm();
        request.KeyStorePassword = new string('s', 5);
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().CreateCustomKeyStoreAsync(request));
        Assert.Equal("1 validation error detected: Value at 'keyStorePassword' failed to satisfy constraint: Member must have length greater than or equal to 7", error.Message);
    }

    [Fact]
    public async Task Describe_FiltersByNameAndPagesWithMarkers()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        for (var i = 0; i < 3; i++) await client.CreateCustomKeyStoreAsync(CloudHsm($"store-{i}", $"cluster-{(char)('a' + i)}abcdefghij"));
        var first = await client.DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest { Limit = 2 });
        Assert.True(first.Truncated);
        var second = await client.DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest { Limit = 2, Marker = first.NextMarker });
        Assert.False(second.Truncated);
        Assert.Equal(3, first.CustomKeyStores.Concat(second.CustomKeyStores).Select(s => s.CustomKeyStoreId).Distinct().Count());
        var byName = await client.DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest { CustomKeyStoreName = "store-1" });
        Assert.Equal("cluster-babcdefghij", Assert.Single(byName.CustomKeyStores).CloudHsmClusterId);
        await KmsAssert.FailsWith("CustomKeyStoreNotFoundException",
            () => client.DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest { CustomKeyStoreName = "absent" }));
    }

    [Fact]
    public async Task Operations_IdentityPolicyWithoutTheAction_AccessDenied()
    {
        using var kms = new LocalKmsHarness();
        await KmsAssert.FailsWith("AccessDeniedException", () => kms.ClientB().CreateCustomKeyStoreAsync(CloudHsm()));
    }

    [Fact]
    public async Task Connect_IsConnectingUntilTheLocalClockPassesTheDelay_ThenConnected()
    {
        using var kms = new LocalKmsHarness(customKeyStoreConnectionDelay: TimeSpan.FromMinutes(5));
        var client = kms.Client();
        var id = (await client.CreateCustomKeyStoreAsync(CloudHsm())).CustomKeyStoreId;
        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        Assert.Equal(ConnectionStateType.CONNECTING, (await Describe(client, id)).ConnectionState);
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException",
            () => kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.AWS_CLOUDHSM, CustomKeyStoreId = id }));
        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });

        kms.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ConnectionStateType.CONNECTED, (await Describe(client, id)).ConnectionState);
        await kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.AWS_CLOUDHSM, CustomKeyStoreId = id });
    }

    [Fact]
    public async Task External_Create_CallsTheProxyHealthSigned_AndConnects()
    {
        using var proxy = new XksProxyServer();
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var id = (await client.CreateCustomKeyStoreAsync(External(proxy.Endpoint))).CustomKeyStoreId;
        Assert.Equal("CreateCustomKeyStore", proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());

        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        var store = await Describe(client, id);
        Assert.Equal(ConnectionStateType.CONNECTED, store.ConnectionState);
        Assert.Equal(proxy.Endpoint, store.XksProxyConfiguration.UriEndpoint);
        Assert.Equal(XksProxyServer.DefaultAccessKeyId, store.XksProxyConfiguration.AccessKeyId);
        Assert.Equal("ConnectCustomKeyStore", proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());
    }

    [Fact]
    public async Task External_WrongSecret_IncorrectCredential()
    {
        using var proxy = new XksProxyServer();
        using var kms = new LocalKmsHarness();
        var request = External(proxy.Endpoint, secret: new string('x', 44));
        await KmsAssert.FailsWith("XksProxyIncorrectAuthenticationCredentialException", () => kms.Client().CreateCustomKeyStoreAsync(request));
        Assert.Equal(1, proxy.Requests);
    }

    [Fact]
    public async Task External_ProxyStopped_ConnectFails_ThenMustDisconnectBeforeConnecting()
    {
        var proxy = new XksProxyServer();
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var id = (await client.CreateCustomKeyStoreAsync(External(proxy.Endpoint))).CustomKeyStoreId;
        proxy.Dispose();
        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        var store = await Describe(client, id);
        Assert.Equal(ConnectionStateType.FAILED, store.ConnectionState);
        Assert.Equal(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE, store.ConnectionErrorCode);
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException", () => client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id }));
        await client.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        Assert.Null((await Describe(client, id)).ConnectionErrorCode);
    }

    [Fact]
    public async Task External_UnavailableFleet_ConnectFailsNotReachable()
    {
        using var proxy = new XksProxyServer();
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var id = (await client.CreateCustomKeyStoreAsync(External(proxy.Endpoint))).CustomKeyStoreId;
        proxy.HealthStatus = "UNAVAILABLE";
        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        Assert.Equal(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE, (await Describe(client, id)).ConnectionErrorCode);
    }

    [Fact]
    public async Task External_EndpointOffLoopback_RefusedWithoutTraffic()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("XksProxyUriUnreachableException",
            () => kms.Client().CreateCustomKeyStoreAsync(External("https://xks.example.com")));
        Assert.Contains("loopback", error.Message);
    }

    [Fact]
    public async Task External_NonLoopbackHttpEndpoint_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().CreateCustomKeyStoreAsync(External("http://xks.example.com:8080")));
        Assert.Contains("Member must satisfy regular expression pattern: ^https://[.a-zA-Z0-9-]+$", error.Message);
    }

    [Fact]
    public async Task External_UpdatePathWhileConnected_AsksTheProxy_EndpointRefused()
    {
        using var proxy = new XksProxyServer();
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var id = (await client.CreateCustomKeyStoreAsync(External(proxy.Endpoint))).CustomKeyStoreId;
        await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        // The proxy serves no such path: the connected store keeps its working one.
        await KmsAssert.FailsWith("XksProxyInvalidResponseException",
            () => client.UpdateCustomKeyStoreAsync(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = id, XksProxyUriPath = "/other/kms/xks/v1" }));
        Assert.Equal(XksProxyServer.DefaultUriPath, (await Describe(client, id)).XksProxyConfiguration.UriPath);
        var wrongSecret = new XksProxyAuthenticationCredentialType { AccessKeyId = XksProxyServer.DefaultAccessKeyId, RawSecretAccessKey = new string('y', 44) };
        await KmsAssert.FailsWith("XksProxyIncorrectAuthenticationCredentialException",
            () => client.UpdateCustomKeyStoreAsync(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = id, XksProxyAuthenticationCredential = wrongSecret }));

        proxy.Signature.SecretAccessKey = new string('y', 44);
        await client.UpdateCustomKeyStoreAsync(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = id, XksProxyAuthenticationCredential = wrongSecret });
        Assert.Equal("UpdateCustomKeyStore", proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());
        Assert.Equal(ConnectionStateType.CONNECTED, (await Describe(client, id)).ConnectionState);
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException",
            () => client.UpdateCustomKeyStoreAsync(new UpdateCustomKeyStoreRequest { CustomKeyStoreId = id, XksProxyUriEndpoint = "https://xks.example.com" }));
    }
}
