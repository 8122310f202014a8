using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Tests.Messages;

/// <summary>Every change to a small message is rejected with our exception, and no plaintext file is left behind.</summary>
public sealed class TamperTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kmsps-tamper-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<KmsAlgorithmSuite> Suites() => new(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task DecryptFile_EverySingleByteFlipped_FailsAndLeavesNoFile(KmsAlgorithmSuite suite)
    {
        var message = await SmallMessageAsync(suite);
        for (var i = 0; i < message.Length; i++)
        {
            var tampered = message.ToArray();
            tampered[i] ^= 0x01;
            await AssertRejectedAsync(tampered, $"byte {i} flipped");
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task DecryptFile_TruncatedAtEveryLength_FailsAndLeavesNoFile(KmsAlgorithmSuite suite)
    {
        var message = await SmallMessageAsync(suite);
        for (var length = 0; length < message.Length; length++)
        {
            await AssertRejectedAsync(message[..length], $"truncated to {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task DecryptFile_BytesAppended_FailsAndLeavesNoFile(KmsAlgorithmSuite suite)
    {
        var message = await SmallMessageAsync(suite);
        foreach (var extra in new byte[][] { [0], [0xFF, 0xFF, 0xFF, 0xFF], message })
        {
            await AssertRejectedAsync([.. message, .. extra], $"{extra.Length} bytes appended");
        }
    }

    [Fact]
    public async Task DecryptFile_Untouched_WritesPlaintext()
    {
        var message = await SmallMessageAsync(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384);
        var source = Path.Combine(_directory, "message");
        var destination = Path.Combine(_directory, "plain");
        await File.WriteAllBytesAsync(source, message);

        await MessageTestKit.Crypto().DecryptFileAsync(source, destination, new KmsDecryptOptions());

        Assert.Equal(MessageTestKit.Plaintext(40), await File.ReadAllBytesAsync(destination));
    }

    [Fact]
    public async Task Decrypt_CommitKeyChanged_ReportsCommitmentMismatch()
    {
        var message = await SmallMessageAsync(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        var info = KmsMessageCrypto.ReadInfo(new MemoryStream(message));
        // The suite data (the commit key) ends the header body, just before the 16-byte header tag.
        var headerLength = await HeaderLengthAsync(message);
        message[headerLength - 16 - 1] ^= 0x80;

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message));

        Assert.Equal(KmsMessageProblem.CommitmentMismatch, error.Problem);
        Assert.Equal(2, info.FormatVersion);
    }

    [Fact]
    public async Task Decrypt_SignatureChanged_ReportsSignatureInvalid()
    {
        var message = await SmallMessageAsync(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384);
        message[^5] ^= 0x01;

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message));

        Assert.Equal(KmsMessageProblem.SignatureInvalid, error.Problem);
    }

    [Fact]
    public async Task Decrypt_FrameContentChanged_ReportsMessageTampered()
    {
        var message = await SmallMessageAsync(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);
        message[^20] ^= 0x01;

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message));

        Assert.Equal(KmsMessageProblem.MessageTampered, error.Problem);
    }

    [Theory]
    [InlineData(new[] { 90 }, 90)]
    [InlineData(new[] { 10, 90 }, 10)]
    [InlineData(new[] { 3 }, 3)]
    public async Task Decrypt_FrameChangedInEitherHalfOfABatch_ReportsTheFirstChangedFrame(int[] changedFrames, int reported)
    {
        // 100 regular frames of 16 bytes and a final one of 5: one batch, opened in two halves on two threads.
        var message = await MessageTestKit.EncryptAsync(MessageTestKit.Plaintext(16 * 100 + 5),
            MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, 16, new Dictionary<string, string> { ["k"] = "v" }));
        var body = message.Length - (100 * 48 + 40 + 5);
        foreach (var frame in changedFrames) message[body + (frame - 1) * 48 + 16] ^= 0x01;

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message));

        Assert.Equal(KmsMessageProblem.MessageTampered, error.Problem);
        Assert.Contains($"frame {reported}", error.Message);
    }

    /// <summary>Three frames of 16 bytes (two regular, a partial final one), one encryption context pair.</summary>
    private static Task<byte[]> SmallMessageAsync(KmsAlgorithmSuite suite) => MessageTestKit.EncryptAsync(
        MessageTestKit.Plaintext(40), MessageTestKit.Settings(suite, 16, new Dictionary<string, string> { ["k"] = "v" }));

    private static async Task<int> HeaderLengthAsync(byte[] message)
    {
        var plain = await MessageTestKit.DecryptAsync(message);
        Assert.Equal(40, plain.Plaintext.Length);
        // Two regular frames of 16 + 32 and a final frame of 8 + 40 follow the header in an unsigned message.
        return message.Length - (2 * 48 + 48);
    }

    private async Task AssertRejectedAsync(byte[] message, string what)
    {
        var source = Path.Combine(_directory, "message");
        var destination = Path.Combine(_directory, "plain");
        await File.WriteAllBytesAsync(source, message);
        var error = await Record.ExceptionAsync(() => MessageTestKit.Crypto().DecryptFileAsync(source, destination, new KmsDecryptOptions()));
        Assert.True(error is KmsMessageException, $"{what}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
        Assert.Equal(["message"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }
}
