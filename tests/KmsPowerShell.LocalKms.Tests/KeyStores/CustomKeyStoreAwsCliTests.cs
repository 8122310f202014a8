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

    /// <summary>awscli through the local KMS server: a key of an external key store (the test XKS proxy) encrypts and decrypts.</summary>
    [AwsCliFact]
    public async Task AwsCli_KeyInAnExternalKeyStore_EncryptsAndDecrypts()
    {
        using var proxy = new KmsPowerShell.XksProxy.XksProxyServer();
        proxy.AddKey("cli-external-key");
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);
        // awscli v1 fetches a parameter that starts with http:// unless told not to (the proxy's endpoint is one).
        await File.WriteAllTextAsync(Path.Combine(_directory, "no-config"), "[default]\ncli_follow_urlparam = false\n");

        var store = await aws.RunAsync("kms", "create-custom-key-store", "--custom-key-store-name", "cli-xks", "--custom-key-store-type", "EXTERNAL_KEY_STORE",
            "--xks-proxy-connectivity", "PUBLIC_ENDPOINT", "--xks-proxy-uri-endpoint", proxy.Endpoint, "--xks-proxy-uri-path", proxy.UriPath,
            "--xks-proxy-authentication-credential", $"AccessKeyId={proxy.Signature.AccessKeyId},RawSecretAccessKey={proxy.Signature.SecretAccessKey}");
        var storeId = JsonDocument.Parse(store).RootElement.GetProperty("CustomKeyStoreId").GetString()!;
        await aws.RunAsync("kms", "connect-custom-key-store", "--custom-key-store-id", storeId);
        var key = await aws.RunAsync("kms", "create-key", "--origin", "EXTERNAL_KEY_STORE", "--custom-key-store-id", storeId, "--xks-key-id", "cli-external-key");
        var metadata = JsonDocument.Parse(key).RootElement.GetProperty("KeyMetadata");
        Assert.Equal("cli-external-key", metadata.GetProperty("XksKeyConfiguration").GetProperty("Id").GetString());

        await File.WriteAllBytesAsync(Path.Combine(_directory, "plain.bin"), [1, 2, 3, 254]);
        var encrypted = await aws.RunAsync("kms", "encrypt", "--key-id", metadata.GetProperty("KeyId").GetString()!, "--plaintext", "fileb://plain.bin");
        var blob = Convert.FromBase64String(JsonDocument.Parse(encrypted).RootElement.GetProperty("CiphertextBlob").GetString()!);
        await File.WriteAllBytesAsync(Path.Combine(_directory, "cipher.bin"), blob);
        var decrypted = await aws.RunAsync("kms", "decrypt", "--ciphertext-blob", "fileb://cipher.bin");
        Assert.Equal(new byte[] { 1, 2, 3, 254 }, Convert.FromBase64String(JsonDocument.Parse(decrypted).RootElement.GetProperty("Plaintext").GetString()!));
    }
}
