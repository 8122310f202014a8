namespace KmsPowerShell.Cmdlets.Tests;

public class MessageVerboseTests
{
    private static KmsMessageInfo Info(bool framed) => new("00ab", 2, KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384, framed, framed ? 4096 : 0,
        [new("aws-kms", Keys.Arn), new("raw", "not a KMS key")], new Dictionary<string, string> { ["tenant"] = "acme" });

    [Fact]
    public void DescribesAFramedMessageAndTheKmsKeysItIsEncryptedUnder() =>
        Assert.Equal($"Message 00ab: format version 2, suite 0x0578 (Aes256GcmHkdfSha512CommitKeyEcdsaP384), frame length 4096, encrypted data keys under {Keys.Arn}.",
            MessageVerbose.Describe(Info(framed: true)));

    [Fact]
    public void SaysWhenTheDataKeyCameFromTheCacheAndWhichKeyDecrypted()
    {
        var info = Info(framed: false);
        info.DataKeyFromCache = true;
        info.DecryptedWithKeyArn = Keys.Arn;
        var said = MessageVerbose.Describe(info);
        Assert.Contains("non-framed", said);
        Assert.EndsWith($"; data key reused from the data key cache; decrypted with {Keys.Arn}.", said);
        Assert.DoesNotContain("acme", said);
    }
}
