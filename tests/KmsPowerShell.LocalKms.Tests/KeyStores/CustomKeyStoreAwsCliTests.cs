using System.Text.Json;
using KmsPowerShell.LocalKms.Http;

namespace KmsPowerShell.LocalKms.Tests.KeyStores;

public sealed class CustomKeyStoreAwsCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("localkms-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// awscli's whole output, byte for byte: the members in the API model's order, the timestamp as the local KMS sends it (whole seconds),
    /// and neither the password nor the paging members (awscli pages by itself and drops them).
    /// </summary>
    [AwsCliFact]
    public async Task AwsCli_CreateAndDescribeCustomKeyStores_ExactOutput()
    {
        using var service = new LocalKmsService(new LocalKmsOptions { Clock = new LocalKmsClock(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero)) });
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);

        var created = await aws.RunAsync("kms", "create-custom-key-store", "--custom-key-store-name", "ExampleKeyStore",
            "--cloud-hsm-cluster-id", "cluster-234abcdefgh", "--trust-anchor-certificate", "-----BEGIN CERTIFICATE-----", "--key-store-password", "kmsPswd1");
        var id = JsonDocument.Parse(created).RootElement.GetProperty("CustomKeyStoreId").GetString()!;
        Assert.Equal($"{{\n    \"CustomKeyStoreId\": \"{id}\"\n}}\n", created);

        var described = await aws.RunAsync("kms", "describe-custom-key-stores", "--custom-key-store-name", "ExampleKeyStore");
        Assert.Equal($$"""
            {
                "CustomKeyStores": [
                    {
                        "CustomKeyStoreId": "{{id}}",
                        "CustomKeyStoreName": "ExampleKeyStore",
                        "CloudHsmClusterId": "cluster-234abcdefgh",
                        "TrustAnchorCertificate": "-----BEGIN CERTIFICATE-----",
                        "ConnectionState": "DISCONNECTED",
                        "CreationDate": 1736942400,
                        "CustomKeyStoreType": "AWS_CLOUDHSM"
                    }
                ]
            }

            """.ReplaceLineEndings("\n"), described);
    }

    /// <summary>awscli through the local KMS server makes a key of an external key store (the test XKS proxy) and encrypts with it.</summary>
    [AwsCliFact]
    public async Task AwsCli_KeyInAnExternalKeyStore_CreatedAndEncrypts()
    {
        using var proxy = new KmsPowerShell.XksProxy.XksProxyServer();
        proxy.AddKey("cli-external-key");
        using var kms = new LocalKmsHarness();
        await using var server = new LocalKmsServer(kms.Service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        // The store through the SDK (its awscli forms are tested above): each awscli run costs a second.
        var client = kms.Client();
        var storeId = (await client.CreateCustomKeyStoreAsync(CustomKeyStoreTests.External(proxy.Endpoint))).CustomKeyStoreId;
        await client.ConnectCustomKeyStoreAsync(new Amazon.KeyManagementService.Model.ConnectCustomKeyStoreRequest { CustomKeyStoreId = storeId });
        var key = await aws.RunAsync("kms", "create-key", "--origin", "EXTERNAL_KEY_STORE", "--custom-key-store-id", storeId, "--xks-key-id", "cli-external-key");
        var metadata = JsonDocument.Parse(key).RootElement.GetProperty("KeyMetadata");
        Assert.Equal("cli-external-key", metadata.GetProperty("XksKeyConfiguration").GetProperty("Id").GetString());

        await File.WriteAllBytesAsync(Path.Combine(_directory, "plain.bin"), [1, 2, 3, 254]);
        var encrypted = await aws.RunAsync("kms", "encrypt", "--key-id", metadata.GetProperty("KeyId").GetString()!, "--plaintext", "fileb://plain.bin");
        var blob = Convert.FromBase64String(JsonDocument.Parse(encrypted).RootElement.GetProperty("CiphertextBlob").GetString()!);
        var decrypted = await client.DecryptAsync(new Amazon.KeyManagementService.Model.DecryptRequest { CiphertextBlob = new MemoryStream(blob) });
        Assert.Equal(new byte[] { 1, 2, 3, 254 }, decrypted.Plaintext.ToArray());
    }
}
