using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

public sealed class PersistenceTests : StateFolderTests
{
    [Fact]
    public async Task Restart_FromStateFile_KeysAliasesGrantsAndCiphertextsSurvive()
    {
        MemoryStream blob;
        string keyId;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var client = kms.Client();
            keyId = (await kms.CreateKeyAsync(client)).KeyId;
            await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/kept", TargetKeyId = keyId });
            await client.CreateGrantAsync(new CreateGrantRequest { KeyId = keyId, GranteePrincipal = LocalKmsHarness.PrincipalB.PrincipalArn, Operations = ["Decrypt"] });
            blob = (await client.EncryptAsync(new EncryptRequest { KeyId = "alias/kept", Plaintext = LocalKmsHarness.Bytes("durable") })).CiphertextBlob;
        }
        using (var kms = new LocalKmsHarness(StatePath))
        {
            var decrypted = await kms.ClientB().DecryptAsync(new DecryptRequest { CiphertextBlob = blob });
            Assert.Equal("durable", LocalKmsHarness.Text(decrypted.Plaintext));
            Assert.Equal(keyId, (await kms.Client().DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/kept" })).KeyMetadata.KeyId);
        }
    }

    [Fact]
    public async Task Save_CrashAfterPartialSnapshot_StateFileKeepsTheLastGoodState()
    {
        string kept;
        using (var kms = new LocalKmsHarness(StatePath)) kept = (await kms.CreateKeyAsync()).KeyId;
        using (var kms = new LocalKmsHarness(StatePath))
        {
            // The first change after opening writes a snapshot.
            kms.Service.File!.BeforeReplace = temporary =>
            {
                using (var stream = new FileStream(temporary, FileMode.Open)) stream.SetLength(stream.Length / 2);
                throw new IOException("Simulated crash before the temporary file replaced the state file.");
            };
            var error = await KmsAssert.FailsWith("LocalStateNotSavedException", () => kms.CreateKeyAsync());
            Assert.Equal(507, (int)error.StatusCode);
        }
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp"));

        using (var kms = new LocalKmsHarness(StatePath))
        {
            var keys = (await kms.Client().ListKeysAsync(new ListKeysRequest())).Keys;
            Assert.Equal(kept, Assert.Single(keys).KeyId);
        }
    }

    [Fact]
    public void Constructor_TemporaryFilesOfAKilledProcess_Removed()
    {
        var left = Path.Combine(Folder, "state.json.0123456789abcdef0123456789abcdef.tmp");
        File.WriteAllText(left, "{}");
        File.WriteAllText(StatePath + ".tmp", "{}");
        using var kms = new LocalKmsService(new LocalKmsOptions { StatePath = StatePath });
        Assert.False(File.Exists(left));
        Assert.False(File.Exists(StatePath + ".tmp"));
    }

    [Fact]
    public void Constructor_StateFileInUse_RefusedNamingThisProcess()
    {
        using var first = new LocalKmsService(new LocalKmsOptions { StatePath = StatePath });
        var refused = Assert.ThrowsAny<IOException>(() => new LocalKmsService(new LocalKmsOptions { StatePath = StatePath }));
        Assert.Equal($"The local KMS state file '{StatePath}' is in use by process {Environment.ProcessId} ({System.Diagnostics.Process.GetCurrentProcess().ProcessName}).", refused.Message);
    }

    [Fact]
    public void Dispose_StateFileInUse_ReleasesTheLock()
    {
        new LocalKmsService(new LocalKmsOptions { StatePath = StatePath }).Dispose();
        using var second = new LocalKmsService(new LocalKmsOptions { StatePath = StatePath });
        Assert.Equal(StatePath, second.StatePath);
    }

    [Fact]
    public void Constructor_CorruptStateFile_InvalidDataExceptionAndFileUntouched()
    {
        File.WriteAllText(StatePath, "{\"Keys\": {");
        Assert.Throws<InvalidDataException>(() => new LocalKmsService(new LocalKmsOptions { StatePath = StatePath }));
        Assert.Equal("{\"Keys\": {", File.ReadAllText(StatePath));
        using var again = new LocalKmsService(new LocalKmsOptions { StatePath = Path.Combine(Folder, "other.json") });
    }

    [Fact]
    public void Constructor_OnUnix_NewFolderAndLockFilesOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var statePath = Path.Combine(Folder, "new", "state.json");
        using var kms = new LocalKmsService(new LocalKmsOptions { StatePath = statePath });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(statePath)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(statePath + ".lock"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(statePath + ".owner"));
    }

    [Fact]
    public async Task Save_OnUnix_StateFileReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        using var kms = new LocalKmsHarness(StatePath);
        await kms.CreateKeyAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath));
    }
}
