using System.Text.Json;
using KmsPowerShell.Engine.Local;
using KmsPowerShell.Engine.Local.Http;

namespace KmsPowerShell.Tests.Local;

public sealed class AwsCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("localkms-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [AwsCliFact]
    public async Task AwsCli_CreateEncryptDecryptAndPagedListKeys_WorkAgainstTheServer()
    {
        using var service = new LocalKmsService();
        await using var server = new LocalKmsServer(service);
        server.Start();
        var aws = new AwsCli(server.Endpoint, _directory);

        var created = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--description", "from awscli")).RootElement.GetProperty("KeyMetadata");
        var keyId = created.GetProperty("KeyId").GetString()!;
        Assert.Equal("ENCRYPT_DECRYPT", created.GetProperty("KeyUsage").GetString());
        Assert.Equal("from awscli", created.GetProperty("Description").GetString());

        await File.WriteAllBytesAsync(Path.Combine(_directory, "plain.bin"), [0, 1, 2, 250, 255]);
        var encrypted = JsonDocument.Parse(await aws.RunAsync("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://plain.bin",
            "--encryption-context", "app=cli")).RootElement;
        await File.WriteAllBytesAsync(Path.Combine(_directory, "cipher.bin"), Convert.FromBase64String(encrypted.GetProperty("CiphertextBlob").GetString()!));
        var decrypted = JsonDocument.Parse(await aws.RunAsync("kms", "decrypt", "--ciphertext-blob", "fileb://cipher.bin",
            "--encryption-context", "app=cli")).RootElement;
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, Convert.FromBase64String(decrypted.GetProperty("Plaintext").GetString()!));
        Assert.EndsWith(keyId, decrypted.GetProperty("KeyId").GetString());

        for (var i = 0; i < 2; i++) await aws.RunAsync("kms", "create-key");
        var first = JsonDocument.Parse(await aws.RunAsync("kms", "list-keys", "--no-paginate", "--limit", "2")).RootElement;
        Assert.True(first.GetProperty("Truncated").GetBoolean());
        var rest = JsonDocument.Parse(await aws.RunAsync("kms", "list-keys", "--no-paginate", "--limit", "2",
            "--marker", first.GetProperty("NextMarker").GetString()!)).RootElement;
        Assert.False(rest.GetProperty("Truncated").GetBoolean());
        var all = first.GetProperty("Keys").EnumerateArray().Concat(rest.GetProperty("Keys").EnumerateArray()).Select(k => k.GetProperty("KeyId").GetString()).ToList();
        Assert.Equal(3, all.Distinct().Count());
        Assert.Contains(keyId, all);
    }
}
