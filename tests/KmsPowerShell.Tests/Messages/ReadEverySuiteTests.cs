using KmsPowerShell.Engine.Messages;

namespace KmsPowerShell.Tests.Messages;

public class ReadEverySuiteTests
{
    public static TheoryData<KmsAlgorithmSuite, bool> SuitesAndLayouts()
    {
        var data = new TheoryData<KmsAlgorithmSuite, bool>();
        foreach (var suite in MessageTestKit.AllSuites)
        {
            data.Add(suite, true);
            data.Add(suite, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SuitesAndLayouts))]
    public async Task Decrypt_EverySuiteFramedAndNonFramed_ReturnsPlaintext(KmsAlgorithmSuite suite, bool framed)
    {
        var plaintext = MessageTestKit.Plaintext(10_000);
        var message = await MessageTestKit.EncryptAsync(plaintext, MessageTestKit.Settings(suite, 4096, framed: framed));

        var (decrypted, info) = await MessageTestKit.DecryptAsync(message, new DecryptSettings(KmsCommitmentPolicy.RequireEncryptAllowDecrypt));

        Assert.Equal(plaintext, decrypted);
        Assert.Equal(suite, info.AlgorithmSuite);
        Assert.Equal(framed, info.IsFramed);
        Assert.Equal(((int)suite & 0xFF00) >= 0x0400 ? 2 : 1, info.FormatVersion);
    }

    [Theory]
    [InlineData(KmsAlgorithmSuite.Aes256GcmHkdfSha384EcdsaP384)]
    [InlineData(KmsAlgorithmSuite.Aes128GcmNoKdf)]
    public async Task Decrypt_NonCommittingSuiteUnderDefaultPolicy_FailsBeforeAnyKeyIsTried(KmsAlgorithmSuite suite)
    {
        var message = await MessageTestKit.EncryptAsync([1, 2, 3], MessageTestKit.Settings(suite));
        var keyring = new TestKeyring();

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.DecryptAsync(message, new DecryptSettings(), keyring));

        Assert.Equal(KmsMessageProblem.CommitmentPolicyViolation, error.Problem);
        Assert.Equal(0, keyring.DecryptCalls);
    }

    [Fact]
    public async Task Encrypt_NonCommittingSuiteUnderRequirePolicy_IsRefused()
    {
        var settings = MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha384EcdsaP384) with { CommitmentPolicy = KmsCommitmentPolicy.RequireEncryptAllowDecrypt };

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.EncryptAsync([1], settings));

        Assert.Equal(KmsMessageProblem.CommitmentPolicyViolation, error.Problem);
    }

    [Fact]
    public async Task Encrypt_CommittingSuiteUnderForbidPolicy_IsRefused()
    {
        var settings = MessageTestKit.Settings(KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey) with { CommitmentPolicy = KmsCommitmentPolicy.ForbidEncryptAllowDecrypt };

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => MessageTestKit.EncryptAsync([1], settings));

        Assert.Equal(KmsMessageProblem.CommitmentPolicyViolation, error.Problem);
    }
}
