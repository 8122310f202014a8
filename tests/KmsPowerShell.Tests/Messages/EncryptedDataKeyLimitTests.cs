using System.Text;
using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Messages.Keyrings;

namespace KmsPowerShell.Tests.Messages;

/// <summary>
/// A message names its encrypted data keys, up to 65,535 of them: by default a reader takes at most
/// <see cref="KmsDecryptOptions.DefaultMaxEncryptedDataKeys"/>, refuses more before reading any, and words a failure
/// to decrypt them as a summary whose length does not grow with their number.
/// </summary>
public sealed class EncryptedDataKeyLimitTests
{
    private static readonly AlgorithmSuite Suite = AlgorithmSuite.Of(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey);

    /// <summary>A version 2 header up to and including its key count, and nothing after it.</summary>
    private static byte[] HeaderUpToKeyCount(ushort count)
    {
        var bytes = new List<byte> { 2, 0x04, 0x78 };
        bytes.AddRange(new byte[Suite.MessageIdLength]);
        bytes.AddRange(new byte[] { 0, 0 }); // an empty encryption context
        bytes.AddRange(new[] { (byte)(count >> 8), (byte)count });
        return [.. bytes];
    }

    /// <summary>A whole header (body and tag) whose keys have every field at the format's largest, 65,535 bytes.</summary>
    private static byte[] LargestHeader(int keys)
    {
        var field = new byte[ushort.MaxValue];
        var providerId = Encoding.ASCII.GetBytes(new string('p', ushort.MaxValue));
        var edks = Enumerable.Range(0, keys).Select(_ => new EncryptedDataKey(Encoding.ASCII.GetString(providerId), field, field)).ToList();
        var context = EncryptionContextCodec.Serialize(new Dictionary<string, string> { ["k"] = new string('v', 60_000) });
        var body = HeaderWriter.WriteBody(Suite, new byte[Suite.MessageIdLength], context, edks, framed: true, 4096, new byte[Suite.SuiteDataLength]);
        return [.. body, .. new byte[AlgorithmSuite.TagLength]];
    }

    [Theory]
    [InlineData(11)]
    [InlineData(ushort.MaxValue)]
    public async Task Decrypt_ByDefault_RefusesMoreThanTenKeysBeforeReadingAnyOrCallingTheKeyring(int count)
    {
        var keyring = new TestKeyring();

        // The input ends right after the count: reading even one key would fail as a truncated message instead.
        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(HeaderUpToKeyCount((ushort)count), new DecryptSettings(), keyring));

        Assert.Equal(KmsMessageProblem.TooManyEncryptedDataKeys, error.Problem);
        Assert.Equal($"The message has {count} encrypted data keys; the limit is 10. Nothing was decrypted and no KMS call was made.", error.Message);
        Assert.Equal(0, keyring.DecryptCalls);
    }

    [Fact]
    public async Task Decrypt_ByDefault_TakesTenKeysAndALiftedLimitTakesMore()
    {
        var ten = await MessageTestKit.EncryptAsync([1], MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey), new TestKeyring(keys: 10));
        var eleven = await MessageTestKit.EncryptAsync([2], MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey), new TestKeyring(keys: 11));

        Assert.Equal([1], (await MessageTestKit.DecryptAsync(ten, new DecryptSettings())).Plaintext);
        Assert.Equal([2], (await MessageTestKit.DecryptAsync(eleven, new DecryptSettings(MaxEncryptedDataKeys: 11))).Plaintext);
        Assert.Equal(10, KmsMessageCrypto.SettingsOf(new KmsDecryptOptions()).MaxEncryptedDataKeys);
    }

    [Fact]
    public void ReadInfo_ByDefault_IsBoundedTheSameWay()
    {
        var error = Assert.Throws<KmsMessageException>(() => KmsMessageCrypto.ReadInfo(new MemoryStream(HeaderUpToKeyCount(11))));

        Assert.Equal(KmsMessageProblem.TooManyEncryptedDataKeys, error.Problem);
    }

    [Fact]
    public void ReadInfo_TheLargestHeaderTheDefaultAdmits_IsReadAndUnderTwoMebibytes()
    {
        var header = LargestHeader(10);

        var info = KmsMessageCrypto.ReadInfo(new MemoryStream(header));

        Assert.Equal(10, info.EncryptedDataKeys.Count);
        Assert.InRange(header.Length, 1_900_000, 2 * 1024 * 1024);
    }

    [Fact]
    public void Unwrappable_ManyFailures_SummarisesByErrorCodeWithTheFirstInBoundedText()
    {
        var failures = Enumerable.Range(0, ushort.MaxValue - 1)
            .Select(i => ($"arn:aws:kms:us-east-1:111122223333:key/{i:D8}-0000-0000-0000-000000000000",
                (Exception)new KmsServiceException(i % 3 == 0 ? "NotFoundException" : "AccessDeniedException", $"key {i} refused", 400, $"req-{i}", null)))
            .ToList();

        var error = Assert.IsType<KmsServiceException>(FailureSummary.Unwrappable(failures, ushort.MaxValue));

        Assert.Equal("NotFoundException", error.ErrorCode);
        Assert.Equal("No encrypted data key could be decrypted: tried 65534 of the message's 65535 encrypted data keys (21845 NotFoundException, " +
            "43689 AccessDeniedException); first: arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000: key 0 refused", error.Message);
        Assert.Equal(FailureSummary.Named, ((AggregateException)error.InnerException!).InnerExceptions.Count);
    }

    [Fact]
    public void Unwrappable_OneFailure_IsThatFailure()
    {
        var only = new KmsServiceException("AccessDeniedException", "denied", 400, "req", null);

        Assert.Same(only, FailureSummary.Unwrappable([("arn", only)], 3));
    }

    [Fact]
    public void FirstFew_NamesThreeCutToLengthAndCountsTheRest()
    {
        var items = new[] { "a", new string('b', 70_000), "c", "d", "e" };

        var text = FailureSummary.FirstFew(items, items.Length);

        Assert.Equal($"a, {new string('b', 200)}..., c and 2 more", text);
    }

}
