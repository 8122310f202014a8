using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests.KeyStores;

/// <summary>Keys in a CloudHSM key store: made only while it is connected, Unavailable while it is not, and keeping it from deletion.</summary>
public sealed class CloudHsmKeyTests : IDisposable
{
    private readonly LocalKmsHarness _kms = new();
    private readonly AmazonKeyManagementServiceClient _client;

    public CloudHsmKeyTests() => _client = _kms.Client();

    public void Dispose() => _kms.Dispose();

    private async Task<string> ConnectedStoreAsync()
    {
        var id = (await _client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.CloudHsm())).CustomKeyStoreId;
        await _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        return id;
    }

    private Task<KeyMetadata> CreateInAsync(string storeId, KeySpec? spec = null, KeyUsageType? usage = null) =>
        _kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.AWS_CLOUDHSM, CustomKeyStoreId = storeId, KeySpec = spec, KeyUsage = usage });

    [Fact]
    public async Task CreateKey_InAConnectedStore_NamesTheStoreAndItsCluster_AndEncrypts()
    {
        var storeId = await ConnectedStoreAsync();
        var key = await CreateInAsync(storeId);
        Assert.Equal(OriginType.AWS_CLOUDHSM, key.Origin);
        Assert.Equal(storeId, key.CustomKeyStoreId);
        Assert.Equal("cluster-234abcdefgh", key.CloudHsmClusterId);
        Assert.Equal(KeyState.Enabled, key.KeyState);

        var ciphertext = (await _client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("in the hsm") })).CiphertextBlob;
        var plaintext = (await _client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext;
        Assert.Equal("in the hsm", LocalKmsHarness.Text(plaintext));
    }

    [Fact]
    public async Task CreateKey_RefusedInADisconnectedStore_AndForKeysAStoreCannotHold()
    {
        var storeId = (await _client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.CloudHsm())).CustomKeyStoreId;
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException", () => CreateInAsync(storeId));
        await KmsAssert.FailsWith("CustomKeyStoreNotFoundException", () => CreateInAsync("cks-1234567890abcdef0"));

        await _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        await KmsAssert.FailsWith("UnsupportedOperationException", () => CreateInAsync(storeId, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT));
        await KmsAssert.FailsWith("ValidationException",
            () => _kms.CreateKeyAsync(request: new CreateKeyRequest { CustomKeyStoreId = storeId }));
        Assert.Empty((await _client.ListKeysAsync(new ListKeysRequest())).Keys ?? []);
    }

    [Fact]
    public async Task Disconnect_MakesKeysUnavailable_AndConnectGivesBackTheirState()
    {
        var storeId = await ConnectedStoreAsync();
        var enabled = await CreateInAsync(storeId);
        var disabled = await CreateInAsync(storeId);
        await _client.DisableKeyAsync(new DisableKeyRequest { KeyId = disabled.KeyId });

        await _client.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        var described = (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = enabled.KeyId })).KeyMetadata;
        Assert.Equal(KeyState.Unavailable, described.KeyState);
        Assert.False(described.Enabled);
        await KmsAssert.FailsWith("KMSInvalidStateException",
            () => _client.EncryptAsync(new EncryptRequest { KeyId = enabled.KeyId, Plaintext = LocalKmsHarness.Bytes("x") }));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => _client.EnableKeyAsync(new EnableKeyRequest { KeyId = disabled.KeyId }));

        await _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        Assert.Equal(KeyState.Enabled, (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = enabled.KeyId })).KeyMetadata.KeyState);
        Assert.Equal(KeyState.Disabled, (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = disabled.KeyId })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task DeleteStore_WithKeys_CustomKeyStoreHasCMKsException_AndRotationIsUnsupported()
    {
        var storeId = await ConnectedStoreAsync();
        var key = await CreateInAsync(storeId);
        await KmsAssert.FailsWith("UnsupportedOperationException", () => _client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId }));
        await KmsAssert.FailsWith("UnsupportedOperationException", () => _client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }));

        await _client.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        await KmsAssert.FailsWith("CustomKeyStoreHasCMKsException", () => _client.DeleteCustomKeyStoreAsync(new DeleteCustomKeyStoreRequest { CustomKeyStoreId = storeId }));
        await _client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });
        await KmsAssert.FailsWith("CustomKeyStoreHasCMKsException", () => _client.DeleteCustomKeyStoreAsync(new DeleteCustomKeyStoreRequest { CustomKeyStoreId = storeId }));

        // Cancelled while the store is disconnected: Unavailable, then Disabled (as after any cancelled deletion) once it connects.
        await _client.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = key.KeyId });
        Assert.Equal(KeyState.Unavailable, (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
        await _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        Assert.Equal(KeyState.Disabled, (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }
}
