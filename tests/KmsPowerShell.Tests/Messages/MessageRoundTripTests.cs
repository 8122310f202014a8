using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Tests.Messages;

public class MessageRoundTripTests
{
    public static TheoryData<KmsAlgorithmSuite, int, int> WritableCases()
    {
        var data = new TheoryData<KmsAlgorithmSuite, int, int>();
        foreach (var suite in new[] { KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384 })
        {
            foreach (var frame in new[] { 1, 4096, 1 << 20 })
            {
                // Empty, exactly one frame, two full frames, several frames with a partial last one.
                foreach (var length in new[] { 0, frame, 2 * frame, 2 * frame + Math.Max(1, frame / 2) }.Distinct())
                {
                    data.Add(suite, frame, length);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WritableCases))]
    public async Task EncryptDecrypt_WritableSuiteAndFrameLength_ReturnsPlaintext(KmsAlgorithmSuite suite, int frameLength, int length)
    {
        var plaintext = MessageTestKit.Plaintext(length);
        var message = await MessageTestKit.EncryptAsync(plaintext, MessageTestKit.Settings(suite, frameLength));

        var (decrypted, info) = await MessageTestKit.DecryptAsync(message, new DecryptSettings());

        Assert.Equal(plaintext, decrypted);
        Assert.Equal(2, info.FormatVersion);
        Assert.Equal(suite, info.AlgorithmSuite);
        Assert.Equal(frameLength, info.FrameLength);
        Assert.Equal(length, info.PlaintextLength);
    }

    [Theory]
    [InlineData(0, 100, 0)]
    [InlineData(99, 100, 0)]
    [InlineData(100, 100, 0)]
    [InlineData(200, 100, 1)]
    [InlineData(250, 100, 2)]
    public async Task Encrypt_PlaintextLength_WritesRegularFramesThenOneFinalFrame(int length, int frameLength, int regularFrames)
    {
        var message = await MessageTestKit.EncryptAsync(MessageTestKit.Plaintext(length), MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, frameLength));

        // An exact multiple ends with a full final frame (the specification's SHOULD), never an empty one after it.
        var finalLength = length - regularFrames * frameLength;
        var finalStart = message.Length - (finalLength + 40);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, message[finalStart..(finalStart + 4)]);
        Assert.Equal(regularFrames + 1, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(finalStart + 4)));
        Assert.Equal(finalLength, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(finalStart + 20)));
        if (regularFrames > 0)
        {
            Assert.Equal(1, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(finalStart - regularFrames * (frameLength + 32))));
        }
    }

    [Fact]
    public async Task EncryptDecrypt_UnicodeContext_IsStoredAndReturned()
    {
        var context = new Dictionary<string, string> { ["имя"] = "значение", ["😀"] = "ｶ", ["purpose"] = "test" };
        var message = await MessageTestKit.EncryptAsync([1, 2, 3], MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, context: context));

        var (_, info) = await MessageTestKit.DecryptAsync(message, new DecryptSettings(RequiredEncryptionContext: context));

        foreach (var (key, value) in context) Assert.Equal(value, info.EncryptionContext[key]);
        Assert.True(info.EncryptionContext.ContainsKey("aws-crypto-public-key"));
    }
}
