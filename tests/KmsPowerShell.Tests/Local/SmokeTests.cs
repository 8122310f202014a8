using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.Tests.Local;

public class SmokeTests
{
    [Fact]
    public async Task Encrypt_ThroughSdk_RoundTrips()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var encrypted = await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("hello") });
        var decrypted = await client.DecryptAsync(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob });
        Assert.Equal("hello", LocalKmsHarness.Text(decrypted.Plaintext));
        Assert.Equal(key.Arn, decrypted.KeyId);
    }
}
