using System.Text;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.XksProxy;

namespace KmsPowerShell.LocalKms.Tests.KeyStores;

/// <summary>
/// Keys in an external key store, end to end through the SDK client and the test XKS proxy (built from the public XKS
/// proxy API specification): every ciphertext is encrypted by the local KMS and then by the proxy's external key.
/// </summary>
public sealed class ExternalKeyTests : IDisposable
{
    private readonly XksProxyServer _proxy = new();
    private readonly LocalKmsHarness _kms = new();
    private readonly AmazonKeyManagementServiceClient _client;

    public ExternalKeyTests() => _client = _kms.Client();

    public void Dispose()
    {
        _kms.Dispose();
        _proxy.Dispose();
    }

    private async Task<string> ConnectedStoreAsync()
    {
        var id = (await _client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.External(_proxy.Endpoint))).CustomKeyStoreId;
        await _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        return id;
    }

    private Task<KeyMetadata> CreateInAsync(string storeId, string xksKeyId) =>
        _kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.EXTERNAL_KEY_STORE, CustomKeyStoreId = storeId, XksKeyId = xksKeyId });

    private async Task<(string StoreId, KeyMetadata Key)> ExternalKeyAsync(string xksKeyId = "external-key-1")
    {
        _proxy.AddKey(xksKeyId);
        var storeId = await ConnectedStoreAsync();
        return (storeId, await CreateInAsync(storeId, xksKeyId));
    }

    private async Task<MemoryStream> EncryptAsync(string keyId, string text) =>
        (await _client.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = LocalKmsHarness.Bytes(text), EncryptionContext = new() { ["app"] = "xks" } })).CiphertextBlob;

    private async Task<string> DecryptAsync(MemoryStream ciphertext) =>
        LocalKmsHarness.Text((await _client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext, EncryptionContext = new() { ["app"] = "xks" } })).Plaintext);

    [Fact]
    public async Task CreateKey_AsksTheProxysMetadata_AndDescribeKeyShowsTheExternalKey()
    {
        var (storeId, key) = await ExternalKeyAsync();
        Assert.Equal(OriginType.EXTERNAL_KEY_STORE, key.Origin);
        Assert.Equal(storeId, key.CustomKeyStoreId);
        Assert.Equal("external-key-1", key.XksKeyConfiguration.Id);
        Assert.Equal("CreateKey", _proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());
        var described = (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata;
        Assert.Equal("external-key-1", described.XksKeyConfiguration.Id);
        Assert.Equal(KeyState.Enabled, described.KeyState);
    }

    [Fact]
    public async Task EncryptDecrypt_GoThroughTheProxy_BothLayers()
    {
        var (_, key) = await ExternalKeyAsync();
        var before = _proxy.Requests;
        var ciphertext = await EncryptAsync(key.KeyId, "held outside");
        Assert.Equal("Encrypt", _proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());
        Assert.Equal(key.Arn, _proxy.LastBody!["requestMetadata"]!["kmsKeyArn"]!.GetValue<string>());
        Assert.Equal("AES_GCM", _proxy.LastBody!["encryptionAlgorithm"]!.GetValue<string>());
        // The proxy gets what the local KMS sealed, never the plaintext.
        Assert.DoesNotContain("held outside", Encoding.UTF8.GetString(Convert.FromBase64String(_proxy.LastBody!["plaintext"]!.GetValue<string>())));

        Assert.Equal("held outside", await DecryptAsync(ciphertext));
        Assert.Equal("Decrypt", _proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());
        Assert.Equal(before + 2, _proxy.Requests);
    }

    [Fact]
    public async Task DataKeys_AndReEncrypt_UseTheProxy()
    {
        var (_, key) = await ExternalKeyAsync();
        var dataKey = await _client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = key.KeyId, KeySpec = DataKeySpec.AES_256 });
        var opened = await _client.DecryptAsync(new DecryptRequest { CiphertextBlob = dataKey.CiphertextBlob });
        Assert.Equal(dataKey.Plaintext.ToArray(), opened.Plaintext.ToArray());

        var withoutPlaintext = await _client.GenerateDataKeyWithoutPlaintextAsync(new GenerateDataKeyWithoutPlaintextRequest { KeyId = key.KeyId, NumberOfBytes = 16 });
        Assert.Equal(16, (await _client.DecryptAsync(new DecryptRequest { CiphertextBlob = withoutPlaintext.CiphertextBlob })).Plaintext.Length);

        var local = await _kms.CreateKeyAsync();
        var moved = await _client.ReEncryptAsync(new ReEncryptRequest { CiphertextBlob = dataKey.CiphertextBlob, DestinationKeyId = local.KeyId });
        Assert.Equal(key.Arn, moved.SourceKeyId);
        var back = await _client.ReEncryptAsync(new ReEncryptRequest { CiphertextBlob = moved.CiphertextBlob, DestinationKeyId = key.KeyId });
        Assert.Equal("ReEncrypt", _proxy.LastBody!["requestMetadata"]!["kmsOperation"]!.GetValue<string>());
        Assert.Equal(dataKey.Plaintext.ToArray(), (await _client.DecryptAsync(new DecryptRequest { CiphertextBlob = back.CiphertextBlob })).Plaintext.ToArray());
    }

    [Fact]
    public async Task DataKeyPair_UnderAKeyInACustomKeyStore_UnsupportedOperation()
    {
        var (_, key) = await ExternalKeyAsync();
        var before = _proxy.Requests;
        await KmsAssert.FailsWith("UnsupportedOperationException",
            () => _client.GenerateDataKeyPairAsync(new GenerateDataKeyPairRequest { KeyId = key.KeyId, KeyPairSpec = DataKeyPairSpec.ECC_NIST_P256 }));
        await KmsAssert.FailsWith("UnsupportedOperationException",
            () => _client.GenerateDataKeyPairWithoutPlaintextAsync(new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = key.KeyId, KeyPairSpec = DataKeyPairSpec.RSA_2048 }));
        Assert.Equal(before, _proxy.Requests);
    }

    [Fact]
    public async Task Decrypt_WithAnotherEncryptionContext_InvalidCiphertext()
    {
        var (_, key) = await ExternalKeyAsync();
        var ciphertext = await EncryptAsync(key.KeyId, "bound");
        await KmsAssert.FailsWith("InvalidCiphertextException",
            () => _client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext, EncryptionContext = new() { ["app"] = "other" } }));
    }

    [Fact]
    public async Task ProxyDown_CryptoFailsKmsInvalidState_WithoutHanging()
    {
        var (_, key) = await ExternalKeyAsync();
        var ciphertext = await EncryptAsync(key.KeyId, "before");
        _proxy.Dispose();
        var error = await KmsAssert.FailsWith("KMSInvalidStateException", () => EncryptAsync(key.KeyId, "after"));
        Assert.Contains("not reachable", error.Message);
        await KmsAssert.FailsWith("KMSInvalidStateException", () => DecryptAsync(ciphertext));
    }

    [Fact]
    public async Task KeyDeletedAtTheProxy_CryptoFailsKmsInvalidState()
    {
        var (_, key) = await ExternalKeyAsync();
        var ciphertext = await EncryptAsync(key.KeyId, "orphan");
        _proxy.RemoveKey("external-key-1");
        var error = await KmsAssert.FailsWith("KMSInvalidStateException", () => DecryptAsync(ciphertext));
        Assert.Contains("KeyNotFoundException", error.Message);
    }

    [Fact]
    public async Task WrongCredential_CryptoFailsKmsInvalidState()
    {
        var (_, key) = await ExternalKeyAsync();
        _proxy.Signature.SecretAccessKey = new string('z', 44);
        var error = await KmsAssert.FailsWith("KMSInvalidStateException", () => EncryptAsync(key.KeyId, "refused"));
        Assert.Contains("AuthenticationFailedException", error.Message);
    }

    [Fact]
    public async Task DisconnectedStore_KeyUnavailable()
    {
        var (storeId, key) = await ExternalKeyAsync();
        await _client.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        var before = _proxy.Requests;
        await KmsAssert.FailsWith("KMSInvalidStateException", () => EncryptAsync(key.KeyId, "offline"));
        Assert.Equal(before, _proxy.Requests);
        Assert.Equal(KeyState.Unavailable, (await _client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task CreateKey_RefusesWhatAwsRefuses()
    {
        var storeId = await ConnectedStoreAsync();
        await KmsAssert.FailsWith("XksKeyNotFoundException", () => CreateInAsync(storeId, "no-such-key"));
        _proxy.AddKey("disabled-key", status: "DISABLED");
        await KmsAssert.FailsWith("XksKeyInvalidConfigurationException", () => CreateInAsync(storeId, "disabled-key"));
        _proxy.AddKey("encrypt-only", usages: "ENCRYPT");
        await KmsAssert.FailsWith("XksKeyInvalidConfigurationException", () => CreateInAsync(storeId, "encrypt-only"));
        _proxy.AddKey("in-use");
        await CreateInAsync(storeId, "in-use");
        await KmsAssert.FailsWith("XksKeyAlreadyInUseException", () => CreateInAsync(storeId, "in-use"));
        await KmsAssert.FailsWith("ValidationException",
            () => _kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.EXTERNAL_KEY_STORE, CustomKeyStoreId = storeId }));
        await KmsAssert.FailsWith("ValidationException", () => _kms.CreateKeyAsync(request: new CreateKeyRequest { XksKeyId = "in-use" }));

        await _client.DisconnectCustomKeyStoreAsync(new DisconnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        _proxy.AddKey("later");
        await KmsAssert.FailsWith("CustomKeyStoreInvalidStateException", () => CreateInAsync(storeId, "later"));
    }

    [Fact]
    public async Task ProxyCallsAreSignedWithTheLocalKmsClock()
    {
        var (_, key) = await ExternalKeyAsync();
        _kms.Clock.Advance(TimeSpan.FromDays(3));
        await EncryptAsync(key.KeyId, "later");
        var date = _kms.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"/{date}/us-east-1/kms-xks-proxy/aws4_request", _proxy.LastAuthorization);
    }
}

/// <summary>
/// A proxy call never holds the local KMS's locks: while the proxy holds its answer back, other requests, changes
/// included, are answered. Had the service kept its lock, the change would wait for the proxy's timeout and the call
/// would end XKS_PROXY_TIMED_OUT (or KMSInvalidStateException) instead.
/// </summary>
public sealed class ExternalKeyLockTests : IDisposable
{
    private readonly XksProxyServer _proxy = new();
    private readonly LocalKmsHarness _kms = new();
    private readonly AmazonKeyManagementServiceClient _client;
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExternalKeyLockTests() => _client = _kms.Client();

    public void Dispose()
    {
        _release.TrySetResult();
        _kms.Dispose();
        _proxy.Dispose();
    }

    private void HoldAnswersTo(string operation) => _proxy.BeforeAnswer = async path =>
    {
        if (!path.EndsWith(operation, StringComparison.Ordinal)) return;
        _held.TrySetResult();
        await _release.Task;
    };

    [Fact]
    public async Task ConnectWaitingForTheProxy_OtherChangesGoOn()
    {
        var id = (await _client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.External(_proxy.Endpoint))).CustomKeyStoreId;
        HoldAnswersTo("health");
        // On a thread of its own: the in-process transport runs a request on the caller's thread until its first wait.
        var connecting = Task.Run(() => _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id }));
        await _held.Task;
        await _kms.CreateKeyAsync();
        _release.SetResult();
        await connecting;
        var store = Assert.Single((await _client.DescribeCustomKeyStoresAsync(new DescribeCustomKeyStoresRequest { CustomKeyStoreId = id })).CustomKeyStores);
        Assert.Equal(ConnectionStateType.CONNECTED, store.ConnectionState);
    }

    [Fact]
    public async Task EncryptWaitingForTheProxy_OtherChangesGoOn()
    {
        _proxy.AddKey("held-key");
        var id = (await _client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.External(_proxy.Endpoint))).CustomKeyStoreId;
        await _client.ConnectCustomKeyStoreAsync(new ConnectCustomKeyStoreRequest { CustomKeyStoreId = id });
        var key = await _kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.EXTERNAL_KEY_STORE, CustomKeyStoreId = id, XksKeyId = "held-key" });
        HoldAnswersTo("encrypt");
        var encrypting = Task.Run(() => _client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("waiting") }));
        await _held.Task;
        await _kms.CreateKeyAsync();
        _release.SetResult();
        var ciphertext = (await encrypting).CiphertextBlob;
        Assert.Equal("waiting", LocalKmsHarness.Text((await _client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext));
    }
}
