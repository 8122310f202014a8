using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Tests.Messages;

public sealed class MessageFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kmsps-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public async Task EncryptFile_DestinationExists_RefusesAndKeepsIt()
    {
        await File.WriteAllBytesAsync(PathOf("plain"), [1, 2, 3]);
        await File.WriteAllTextAsync(PathOf("out"), "keep me");

        var error = await Assert.ThrowsAsync<KmsArgumentException>(() => MessageTestKit.Crypto().EncryptFileAsync(PathOf("plain"), PathOf("out"), new KmsEncryptOptions()));

        Assert.Equal("DestinationExists", error.Problem);
        Assert.Equal("keep me", await File.ReadAllTextAsync(PathOf("out")));
    }

    [Fact]
    public async Task EncryptAndDecryptFile_Overwrite_ReplacesDestination()
    {
        var plaintext = MessageTestKit.Plaintext(100_000);
        await File.WriteAllBytesAsync(PathOf("plain"), plaintext);
        await File.WriteAllTextAsync(PathOf("message"), "old");
        await File.WriteAllTextAsync(PathOf("back"), "old");
        var crypto = MessageTestKit.Crypto();

        await crypto.EncryptFileAsync(PathOf("plain"), PathOf("message"), new KmsEncryptOptions(), overwrite: true);
        var info = await crypto.DecryptFileAsync(PathOf("message"), PathOf("back"), new KmsDecryptOptions(), overwrite: true);

        Assert.Equal(plaintext, await File.ReadAllBytesAsync(PathOf("back")));
        Assert.Equal(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, info.AlgorithmSuite);
        Assert.Equal(3, Directory.GetFiles(_directory).Length);
    }

    [Fact]
    public async Task DecryptFile_CancelledMidway_LeavesNoFileAndReportedProgress()
    {
        await File.WriteAllBytesAsync(PathOf("plain"), MessageTestKit.Plaintext(8 << 20));
        var crypto = MessageTestKit.Crypto();
        await crypto.EncryptFileAsync(PathOf("plain"), PathOf("message"), new KmsEncryptOptions());
        using var cancel = new CancellationTokenSource();
        var reports = new List<long>();
        var progress = new SynchronousProgress(bytes => { reports.Add(bytes); cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            crypto.DecryptFileAsync(PathOf("message"), PathOf("back"), new KmsDecryptOptions(), progress: progress, cancellationToken: cancel.Token));

        Assert.NotEmpty(reports);
        Assert.True(reports[^1] < new FileInfo(PathOf("message")).Length);
        Assert.Equal(["message", "plain"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task EncryptFile_Progress_ReachesThePlaintextLength()
    {
        await File.WriteAllBytesAsync(PathOf("plain"), MessageTestKit.Plaintext(3 << 20));
        long last = 0;

        await MessageTestKit.Crypto().EncryptFileAsync(PathOf("plain"), PathOf("message"), new KmsEncryptOptions(), progress: new SynchronousProgress(b => last = b));

        Assert.Equal(3 << 20, last);
    }

    [Fact]
    public async Task EncryptBytes_ThenDecryptBytes_RoundTrips()
    {
        var crypto = MessageTestKit.Crypto();
        var message = await crypto.EncryptBytesAsync(new byte[] { 9, 8, 7 }, new KmsEncryptOptions { AlgorithmSuite = KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey });

        var plain = await crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions());

        Assert.Equal(new byte[] { 9, 8, 7 }, plain.Bytes);
        Assert.Equal(message.Info.MessageId, plain.Info.MessageId);
        Assert.Equal("0x0478", plain.Info.AlgorithmSuiteId);
    }

    [Fact]
    public async Task EncryptFile_FrameLengthZero_IsRefusedWithoutOutput()
    {
        await File.WriteAllBytesAsync(PathOf("plain"), [1]);

        var error = await Assert.ThrowsAsync<KmsArgumentException>(() => MessageTestKit.Crypto().EncryptFileAsync(PathOf("plain"), PathOf("out"), new KmsEncryptOptions { FrameLength = 0 }));

        Assert.Equal("FrameLengthInvalid", error.Problem);
        Assert.False(File.Exists(PathOf("out")));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
