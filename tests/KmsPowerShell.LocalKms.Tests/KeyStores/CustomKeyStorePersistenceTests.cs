using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests.KeyStores;

public sealed class CustomKeyStorePersistenceTests : StateFolderTests
{
    [Fact]
    public async Task Restart_StoreAndItsStateSurvive_SecretsStayOutOfAnswers()
    {
        string id;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            id = (await client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.CloudHsm())).CustomKeyStoreId;
            await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        }
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var response = await kms.Client().DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest());
            var store = Assert.Single(response.CustomKeyStores);
            Assert.Equal(id, store.CustomKeyStoreId);
            Assert.Equal(ConnectionStateType.CONNECTED, store.ConnectionState);
            Assert.DoesNotContain("kmsuser-password-1", System.Text.Json.JsonSerializer.Serialize(store));
        }
    }

    [Fact]
    public async Task Restart_KeyOfAnExternalKeyStore_KeepsItsExternalKey_AndDecrypts()
    {
        using var proxy = new KmsPowerShell.XksProxy.XksProxyServer();
        proxy.AddKey("kept-key");
        string keyId;
        MemoryStream ciphertext;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            var id = (await client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.External(proxy.Endpoint))).CustomKeyStoreId;
            await client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
            keyId = (await kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.EXTERNAL_KEY_STORE, CustomKeyStoreId = id, XksKeyId = "kept-key" })).KeyId;
            ciphertext = (await client.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = LocalKmsHarness.Bytes("kept") })).CiphertextBlob;
        }
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            Assert.Equal("kept-key", (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata.XksKeyConfiguration.Id);
            Assert.Equal("kept", LocalKmsHarness.Text((await client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext));
        }
    }

    [Fact]
    public async Task StateFileWithoutCustomKeyStores_Loads()
    {
        using (var kms = new LocalKmsHarness(StatePath)) await kms.CreateKeyAsync();
        var text = File.ReadAllText(StatePath);
        Assert.Contains("\"CustomKeyStores\"", text);
        var older = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        older.Remove("CustomKeyStores");
        File.WriteAllText(StatePath, older.ToJsonString());
        using (var kms = new LocalKmsHarness(StatePath))
        {
            Assert.Single((await kms.Client().ListKeysAsync(new ListKeysRequest())).Keys);
            Assert.Empty((await kms.Client().DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest())).CustomKeyStores);
        }
    }
}
