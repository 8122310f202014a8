using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class AliasTests
{
    [Fact]
    public async Task CreateAlias_Duplicate_AlreadyExistsException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = key.KeyId });
        var error = await KmsAssert.FailsWith("AlreadyExistsException",
            () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = key.KeyId }));
        Assert.Equal("An alias with the name arn:aws:kms:us-east-1:111122223333:alias/app already exists", error.Message);
    }

    [Theory]
    [InlineData("alias/aws/s3")]
    [InlineData("alias/")]
    public async Task CreateAlias_ReservedOrEmptyName_InvalidAliasNameException(string name)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("InvalidAliasNameException", () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = name, TargetKeyId = key.KeyId }));
    }

    public const string PrefixMessage =
        "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html";

    [Theory]
    [InlineData("abc")]
    [InlineData("wrongprefix/x")]
    public async Task CreateAlias_NoAliasPrefix_AwsValidationText(string name)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = name, TargetKeyId = key.KeyId }));
        Assert.Equal(PrefixMessage, error.Message);
    }

    [Fact]
    public async Task UpdateAlias_NoAliasPrefix_AwsValidationText()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.UpdateAliasAsync(new UpdateAliasRequest { AliasName = "abc", TargetKeyId = key.KeyId }));
        Assert.Equal(PrefixMessage, error.Message);
    }

    [Fact]
    public async Task CreateAlias_ColonInName_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/my:alias", TargetKeyId = key.KeyId }));
        Assert.Equal("alias/my:alias contains invalid characters for an alias", error.Message);
    }

    [Fact]
    public async Task CreateAlias_BadCharacters_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var badName = string.Join(' ', "alias/has", "space");
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = badName, TargetKeyId = key.KeyId }));
        Assert.Contains("Member must satisfy regular expression pattern", error.Message);
    }

    // The pattern must match the whole name: .NET's $ also matches before a final newline.
    [Fact]
    public async Task CreateAlias_NameEndingInNewline_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var name = "alias/x" + Environment.NewLine[^1];
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = name, TargetKeyId = key.KeyId }));
        Assert.Equal("1 validation error detected: Value 'alias/x\n' at 'aliasName' failed to satisfy constraint: " +
            "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$", error.Message);
    }

    [Fact]
    public async Task CreateAlias_KeyPendingDeletion_KMSInvalidStateException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId });
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/late", TargetKeyId = key.KeyId }));
    }

    [Fact]
    public async Task UpdateAlias_AnotherKey_EncryptByAliasUsesIt()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var first = await kms.CreateKeyAsync(client);
        var second = await kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/moving", TargetKeyId = first.KeyId });
        await client.UpdateAliasAsync(new UpdateAliasRequest { AliasName = "alias/moving", TargetKeyId = second.KeyId });
        var encrypted = await client.EncryptAsync(new EncryptRequest { KeyId = "alias/moving", Plaintext = LocalKmsHarness.Bytes("x") });
        Assert.Equal(second.Arn, encrypted.KeyId);
    }

    // The API reference: both keys the same type (symmetric, asymmetric or HMAC) and key usage; the spec may differ.
    [Fact]
    public async Task UpdateAlias_AsymmetricKeyOfAnotherSpecSameUsage_Moves()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var rsa = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.RSA_2048, KeyUsage = KeyUsageType.SIGN_VERIFY });
        var ecc = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY });
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/signer", TargetKeyId = rsa.KeyId });
        await client.UpdateAliasAsync(new UpdateAliasRequest { AliasName = "alias/signer", TargetKeyId = ecc.KeyId });
        Assert.Equal(ecc.Arn, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/signer" })).KeyMetadata.Arn);
        var hmac = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        await KmsAssert.FailsWith("ValidationException", () => client.UpdateAliasAsync(new UpdateAliasRequest { AliasName = "alias/signer", TargetKeyId = hmac.KeyId }));
    }

    [Fact]
    public async Task UpdateAlias_KeyOfOtherUsage_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var symmetric = await kms.CreateKeyAsync(client);
        var hmac = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/typed", TargetKeyId = symmetric.KeyId });
        await KmsAssert.FailsWith("ValidationException", () => client.UpdateAliasAsync(new UpdateAliasRequest { AliasName = "alias/typed", TargetKeyId = hmac.KeyId }));
    }

    [Fact]
    public async Task DeleteAlias_Existing_AliasNoLongerResolves()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/gone", TargetKeyId = key.KeyId });
        await client.DeleteAliasAsync(new DeleteAliasRequest { AliasName = "alias/gone" });
        var error = await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/gone" }));
        Assert.Equal("Alias arn:aws:kms:us-east-1:111122223333:alias/gone is not found.", error.Message);
        await KmsAssert.FailsWith("NotFoundException", () => client.DeleteAliasAsync(new DeleteAliasRequest { AliasName = "alias/gone" }));
    }

    [Fact]
    public async Task CreateAlias_SameNameInTwoRegions_BothExist()
    {
        using var kms = new LocalKmsHarness();
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            var client = kms.Client(region);
            var key = await kms.CreateKeyAsync(client);
            await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/everywhere", TargetKeyId = key.KeyId });
            Assert.Equal(key.Arn, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/everywhere" })).KeyMetadata.Arn);
        }
    }
}
