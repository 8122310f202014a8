using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Tests.Messages;

public class EncryptionContextTests
{
    [Fact]
    public void Serialize_KeysOutsideTheBasicPlane_SortsByUtf8BytesNotUtf16()
    {
        // UTF-16 puts the surrogate pair of U+1F600 (D83D ...) before U+FF61; UTF-8 puts EF BD A1 before F0 9F 98 80.
        var bytes = EncryptionContextCodec.Serialize(new Dictionary<string, string> { ["😀"] = "a", ["｡"] = "b" });

        Assert.Equal(new byte[] { 0, 2, 0, 3, 0xEF, 0xBD, 0xA1, 0, 1, (byte)'b', 0, 4, 0xF0, 0x9F, 0x98, 0x80, 0, 1, (byte)'a' }, bytes);
    }

    [Fact]
    public void Serialize_Empty_IsNoBytes() => Assert.Empty(EncryptionContextCodec.Serialize(new Dictionary<string, string>()));

    [Fact]
    public void Parse_DuplicateKey_IsMalformed()
    {
        byte[] bytes = [0, 2, 0, 1, (byte)'k', 0, 1, (byte)'a', 0, 1, (byte)'k', 0, 1, (byte)'b'];

        Assert.Equal(KmsMessageProblem.MessageMalformed, Assert.Throws<KmsMessageException>(() => EncryptionContextCodec.Parse(bytes)).Problem);
    }

    [Fact]
    public async Task Encrypt_ReservedKey_IsRefused()
    {
        var settings = MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, context: new Dictionary<string, string> { ["aws-crypto-public-key"] = "x" });

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.EncryptAsync([1], settings));

        Assert.Equal(KmsMessageProblem.EncryptionContextInvalid, error.Problem);
    }

    [Fact]
    public async Task Encrypt_ContextLongerThanTheFormatAllows_IsRefused()
    {
        var settings = MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey, context: new Dictionary<string, string> { ["big"] = new string('x', 70_000) });

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.EncryptAsync([1], settings));

        Assert.Equal(KmsMessageProblem.EncryptionContextInvalid, error.Problem);
    }

    [Theory]
    [InlineData("purpose", "other")]
    [InlineData("missing", "value")]
    public async Task Decrypt_RequiredPairNotInMessage_FailsBeforeAnyKeyIsTried(string key, string value)
    {
        var message = await MessageTestKit.EncryptAsync([1, 2], MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey,
            context: new Dictionary<string, string> { ["purpose"] = "backup" }));
        var keyring = new TestKeyring();

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message,
            new DecryptSettings(RequiredEncryptionContext: new Dictionary<string, string> { [key] = value }), keyring));

        Assert.Equal(KmsMessageProblem.EncryptionContextMismatch, error.Problem);
        Assert.Equal(0, keyring.DecryptCalls);
    }

    [Fact]
    public async Task Decrypt_RequiredPairPresent_Succeeds()
    {
        var message = await MessageTestKit.EncryptAsync([1, 2], MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey,
            context: new Dictionary<string, string> { ["purpose"] = "backup", ["team"] = "ops" }));

        var (plaintext, _) = await MessageTestKit.DecryptAsync(message, new DecryptSettings(RequiredEncryptionContext: new Dictionary<string, string> { ["purpose"] = "backup" }));

        Assert.Equal(new byte[] { 1, 2 }, plaintext);
    }

    [Fact]
    public async Task Decrypt_MoreEncryptedDataKeysThanTheLimit_FailsBeforeAnyKeyIsTried()
    {
        var message = await MessageTestKit.EncryptAsync([1], MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey), new TestKeyring(keys: 3));
        var keyring = new TestKeyring();

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message, new DecryptSettings(MaxEncryptedDataKeys: 2), keyring));

        Assert.Equal(KmsMessageProblem.TooManyEncryptedDataKeys, error.Problem);
        Assert.Equal(0, keyring.DecryptCalls);
        Assert.Equal([1], (await MessageTestKit.DecryptAsync(message, new DecryptSettings(MaxEncryptedDataKeys: 3))).Plaintext);
    }

    [Fact]
    public async Task Encrypt_MoreKeysThanTheLimit_IsRefused()
    {
        var settings = MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey) with { MaxEncryptedDataKeys = 1 };

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.EncryptAsync([1], settings, new TestKeyring(keys: 2)));

        Assert.Equal(KmsMessageProblem.TooManyEncryptedDataKeys, error.Problem);
    }
}
