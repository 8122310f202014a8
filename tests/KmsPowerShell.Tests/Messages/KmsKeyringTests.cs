using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Tests.Backends;

namespace KmsPowerShell.Tests.Messages;

/// <summary>The KMS keyring through the real SDK pipeline against moto.</summary>
[Collection(MotoCollection.Name)]
public sealed class KmsKeyringTests(MotoServer moto)
{
    private static readonly byte[] Plaintext = MessageTestKit.Plaintext(10_000);

    [MotoFact]
    public async Task EncryptBytes_TwoKeys_EitherKeyAloneDecrypts()
    {
        var (first, second) = (await moto.CreateKeyAsync(), await moto.CreateKeyAsync());
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);

        var message = await crypto.EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = [first, second] });
        var bySecond = await crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { KeyIds = [second] });
        var byFirst = await crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { KeyIds = [first] });

        Assert.Equal([first, second], message.Info.KeyArns);
        Assert.Equal(Plaintext, bySecond.Bytes);
        Assert.Equal(second, bySecond.Info.DecryptedWithKeyArn);
        Assert.Equal(first, byFirst.Info.DecryptedWithKeyArn);
    }

    [MotoFact]
    public async Task Encrypt_AliasName_StoresTheKeyArnAndDecryptsByKeyIdOrAlias()
    {
        var alias = $"alias/msg-{Guid.NewGuid():N}";
        var arn = await moto.CreateKeyAsync(alias);
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);

        var message = await crypto.EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = [alias], AlgorithmSuite = KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKey });
        var byKeyId = await crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { KeyIds = [arn.Split('/')[^1]] });
        var byAlias = await crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { KeyIds = [alias] });

        Assert.Equal([arn], message.Info.KeyArns);
        Assert.Equal(Plaintext, byKeyId.Bytes);
        Assert.Equal(Plaintext, byAlias.Bytes);
    }

    [MotoFact]
    public async Task Decrypt_StrictWithAnotherKey_ReportsNoDecryptableKey()
    {
        var (used, other) = (await moto.CreateKeyAsync(), await moto.CreateKeyAsync());
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);
        var message = await crypto.EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = [used] });

        var error = await Assert.ThrowsAsync<KmsMessageException>(() => crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { KeyIds = [other] }));

        Assert.Equal(KmsMessageProblem.NoDecryptableKey, error.Problem);
        Assert.Contains(used, error.Message);
    }

    [MotoFact]
    public async Task Decrypt_DiscoveryFilter_AllowsOnlyTheListedAccountAndPartition()
    {
        var arn = await moto.CreateKeyAsync();
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);
        var message = (await crypto.EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = [arn] })).Bytes;

        var anyKey = await crypto.DecryptBytesAsync(message, new KmsDecryptOptions { Discovery = true });
        var ourAccount = await crypto.DecryptBytesAsync(message, new KmsDecryptOptions { Discovery = true, DiscoveryAccountIds = [MotoServer.Account], DiscoveryPartition = "aws" });
        var otherAccount = await Assert.ThrowsAsync<KmsMessageException>(() =>
            crypto.DecryptBytesAsync(message, new KmsDecryptOptions { Discovery = true, DiscoveryAccountIds = ["111122223333"], DiscoveryPartition = "aws" }));
        var otherPartition = await Assert.ThrowsAsync<KmsMessageException>(() =>
            crypto.DecryptBytesAsync(message, new KmsDecryptOptions { Discovery = true, DiscoveryAccountIds = [MotoServer.Account], DiscoveryPartition = "aws-cn" }));

        Assert.Equal(Plaintext, anyKey.Bytes);
        Assert.Equal(arn, ourAccount.Info.DecryptedWithKeyArn);
        Assert.Equal(KmsMessageProblem.NoDecryptableKey, otherAccount.Problem);
        Assert.Equal(KmsMessageProblem.NoDecryptableKey, otherPartition.Problem);
    }

    [MotoFact]
    public async Task Decrypt_MoreEncryptedDataKeysThanTheLimit_FailsBeforeAnyKmsCall()
    {
        var keys = new[] { await moto.CreateKeyAsync(), await moto.CreateKeyAsync(), await moto.CreateKeyAsync() };
        using var session = moto.NewSession();
        var message = (await new KmsMessageCrypto(session).EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = keys })).Bytes;
        // Any KMS call through this session fails: nothing listens there.
        using var unreachable = moto.NewSession("http://127.0.0.1:1", maxAttempts: 1);
        var crypto = new KmsMessageCrypto(unreachable);

        var limited = await Assert.ThrowsAsync<KmsMessageException>(() =>
            crypto.DecryptBytesAsync(message, new KmsDecryptOptions { KeyIds = [keys[0]], MaxEncryptedDataKeys = 2 }));
        var unlimited = await Assert.ThrowsAsync<KmsServiceException>(() => crypto.DecryptBytesAsync(message, new KmsDecryptOptions { KeyIds = [keys[0]] }));

        Assert.Equal(KmsMessageProblem.TooManyEncryptedDataKeys, limited.Problem);
        Assert.Equal("EndpointUnreachable", unlimited.ErrorCode);
    }

    [MotoFact]
    public async Task Decrypt_KeysTheKeyringMayNotUse_AreNeverCalledAndTheTriedOnesAreSummarised()
    {
        var keys = new[] { await moto.CreateKeyAsync(), await moto.CreateKeyAsync(), await moto.CreateKeyAsync(), await moto.CreateKeyAsync() };
        using var session = moto.NewSession();
        var message = (await new KmsMessageCrypto(session).EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = keys })).Bytes;
        // Any KMS call through this session fails: nothing listens there.
        using var unreachable = moto.NewSession("http://127.0.0.1:1", maxAttempts: 1);
        var crypto = new KmsMessageCrypto(unreachable);

        var otherAccount = await Assert.ThrowsAsync<KmsMessageException>(() =>
            crypto.DecryptBytesAsync(message, new KmsDecryptOptions { Discovery = true, DiscoveryAccountIds = ["111122223333"] }));
        var twoOfFour = await Assert.ThrowsAsync<KmsServiceException>(() => crypto.DecryptBytesAsync(message, new KmsDecryptOptions { KeyIds = [keys[3], keys[1]] }));

        Assert.Equal(KmsMessageProblem.NoDecryptableKey, otherAccount.Problem);
        Assert.StartsWith("None of the message's 4 encrypted data keys (aws-kms ", otherAccount.Message);
        Assert.Equal("EndpointUnreachable", twoOfFour.ErrorCode);
        Assert.StartsWith($"No encrypted data key could be decrypted: tried 2 of the message's 4 encrypted data keys (2 EndpointUnreachable); first: {keys[1]}: ", twoOfFour.Message);
    }

    [MotoFact]
    public async Task Encrypt_UnknownKey_SurfacesTheKmsError()
    {
        using var session = moto.NewSession();

        var error = await Assert.ThrowsAsync<KmsServiceException>(() => new KmsMessageCrypto(session).EncryptBytesAsync(Plaintext,
            new KmsEncryptOptions { KeyIds = [$"arn:aws:kms:us-east-1:{MotoServer.Account}:key/{Guid.NewGuid()}"] }));

        Assert.Equal("NotFoundException", error.ErrorCode);
    }

    [MotoFact]
    public async Task EncryptFile_KeyInAnotherRegion_CallsThatRegion()
    {
        var west = (await new Amazon.KeyManagementService.AmazonKeyManagementServiceClient(
            new Amazon.Runtime.BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey),
            new Amazon.KeyManagementService.AmazonKeyManagementServiceConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = "us-west-2" })
            .CreateKeyAsync(new Amazon.KeyManagementService.Model.CreateKeyRequest())).KeyMetadata.Arn;
        using var session = moto.NewSession();
        var crypto = new KmsMessageCrypto(session);

        var message = await crypto.EncryptBytesAsync(Plaintext, new KmsEncryptOptions { KeyIds = [west] });
        var plain = await crypto.DecryptBytesAsync(message.Bytes, new KmsDecryptOptions { Discovery = true });

        Assert.Contains(":us-west-2:", west);
        Assert.Equal(west, plain.Info.DecryptedWithKeyArn);
    }
}
