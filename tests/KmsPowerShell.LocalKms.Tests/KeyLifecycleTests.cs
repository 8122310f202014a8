using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class KeyLifecycleTests
{
    [Fact]
    public async Task CreateKey_NoParameters_ReturnsFullSymmetricMetadata()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync();
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", key.KeyId);
        Assert.Equal($"arn:aws:kms:us-east-1:111122223333:key/{key.KeyId}", key.Arn);
        Assert.Equal("111122223333", key.AWSAccountId);
        Assert.Equal(KeyUsageType.ENCRYPT_DECRYPT, key.KeyUsage);
        Assert.Equal(KeySpec.SYMMETRIC_DEFAULT, key.KeySpec);
        Assert.Equal(KeyState.Enabled, key.KeyState);
        Assert.True(key.Enabled);
        Assert.Equal(KeyManagerType.CUSTOMER, key.KeyManager);
        Assert.Equal(OriginType.AWS_KMS, key.Origin);
        Assert.Equal(["SYMMETRIC_DEFAULT"], key.EncryptionAlgorithms);
        Assert.False(key.MultiRegion);
        Assert.Equal(kms.Clock.GetUtcNow().UtcDateTime, key.CreationDate!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("RSA_2048", "SIGN_VERIFY")]
    [InlineData("RSA_2048", "ENCRYPT_DECRYPT")]
    [InlineData("ECC_NIST_P256", "SIGN_VERIFY")]
    [InlineData("ECC_NIST_P384", "KEY_AGREEMENT")]
    [InlineData("ECC_NIST_P521", "SIGN_VERIFY")]
    [InlineData("ECC_SECG_P256K1", "SIGN_VERIFY")]
    [InlineData("HMAC_224", "GENERATE_VERIFY_MAC")]
    [InlineData("HMAC_512", "GENERATE_VERIFY_MAC")]
    public async Task CreateKey_ValidSpecAndUsage_ReturnsAlgorithmsOfTheUsage(string spec, string usage)
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync(request: new CreateKeyRequest { KeySpec = spec, KeyUsage = usage });
        Assert.Equal(spec, key.KeySpec.Value);
        Assert.Equal(usage, key.KeyUsage.Value);
        var algorithms = usage switch
        {
            "SIGN_VERIFY" => key.SigningAlgorithms,
            "ENCRYPT_DECRYPT" => key.EncryptionAlgorithms,
            "GENERATE_VERIFY_MAC" => key.MacAlgorithms,
            _ => key.KeyAgreementAlgorithms,
        };
        Assert.NotEmpty(algorithms);
    }

    [Theory]
    [InlineData("HMAC_256", null, "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")]
    [InlineData("RSA_2048", null, "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")]
    [InlineData("HMAC_256", "ENCRYPT_DECRYPT", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec HMAC_256")]
    [InlineData("SYMMETRIC_DEFAULT", "SIGN_VERIFY", "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT")]
    [InlineData("ECC_NIST_P256", "ENCRYPT_DECRYPT", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256")]
    [InlineData("ECC_SECG_P256K1", "KEY_AGREEMENT", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec ECC_SECG_P256K1")]
    [InlineData("ML_KEM_512", "ENCRYPT_DECRYPT", "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ML_KEM_512")]
    [InlineData("ML_KEM_768", "SIGN_VERIFY", "KeyUsage SIGN_VERIFY is not compatible with KeySpec ML_KEM_768")]
    [InlineData("ML_KEM_1024", "KEY_AGREEMENT", "KeyUsage KEY_AGREEMENT is not compatible with KeySpec ML_KEM_1024")]
    [InlineData("ML_KEM_768", "GENERATE_VERIFY_MAC", "KeyUsage GENERATE_VERIFY_MAC is not compatible with KeySpec ML_KEM_768")]
    [InlineData("ML_KEM_512", null, "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.")]
    [InlineData("SYMMETRIC_DEFAULT", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec SYMMETRIC_DEFAULT")]
    [InlineData("RSA_2048", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec RSA_2048")]
    [InlineData("ECC_NIST_P256", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec ECC_NIST_P256")]
    [InlineData("ECC_NIST_EDWARDS25519", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec ECC_NIST_EDWARDS25519")]
    [InlineData("ML_DSA_65", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec ML_DSA_65")]
    [InlineData("SM2", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec SM2")]
    [InlineData("HMAC_256", "ENCAPSULATE_DECAPSULATE", "KeyUsage ENCAPSULATE_DECAPSULATE is not compatible with KeySpec HMAC_256")]
    public async Task CreateKey_IncompatibleSpecAndUsage_ValidationException(string spec, string? usage, string message)
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException",
            () => kms.CreateKeyAsync(request: new CreateKeyRequest { KeySpec = spec, KeyUsage = usage }));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task CreateKey_SpecAwsDoesNotKnow_ValidationExceptionListingEveryAwsSpec()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.CreateKeyAsync(request: new CreateKeyRequest { KeySpec = "AES_256" }));
        Assert.Contains("ML_KEM_1024", error.Message);
        Assert.Contains("ECC_NIST_EDWARDS25519", error.Message);
    }

    [Fact]
    public async Task CreateKey_CustomKeyStoreOriginsWithoutStore_Refused()
    {
        using var kms = new LocalKmsHarness();
        await KmsAssert.FailsWith("ValidationException", () => kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.AWS_CLOUDHSM }));
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.CreateKeyAsync(request: new CreateKeyRequest { Origin = OriginType.EXTERNAL_KEY_STORE }));
        Assert.Contains("external key store", error.Message);
    }

    [Fact]
    public async Task CreateKey_DescriptionTooLong_ValidationExceptionInAwsWording()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException",
            () => kms.CreateKeyAsync(request: new CreateKeyRequest { Description = new string('d', 8193) }));
        Assert.StartsWith("1 validation error detected: Value '", error.Message);
        Assert.EndsWith("at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192", error.Message);
    }

    [Fact]
    public async Task DisableKey_ThenEncrypt_DisabledException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
        var error = await KmsAssert.FailsWith("DisabledException",
            () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("x") }));
        Assert.Equal($"{key.Arn} is disabled.", error.Message);
        Assert.Equal(KeyState.Disabled, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }

    [Fact]
    public async Task EnableKey_AfterDisable_EncryptsAgain()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
        await client.EnableKeyAsync(new EnableKeyRequest { KeyId = key.Arn });
        await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("x") });
    }

    [Fact]
    public async Task ScheduleKeyDeletion_ThenEncrypt_KMSInvalidStateException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var scheduled = await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });
        Assert.Equal(key.Arn, scheduled.KeyId);
        Assert.Equal(KeyState.PendingDeletion, scheduled.KeyState);
        Assert.Equal(7, scheduled.PendingWindowInDays);
        Assert.Equal(kms.Clock.GetUtcNow().AddDays(7).UtcDateTime, scheduled.DeletionDate!.Value.ToUniversalTime());
        var error = await KmsAssert.FailsWith("KMSInvalidStateException",
            () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("x") }));
        Assert.Equal($"{key.Arn} is pending deletion.", error.Message);
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.EnableKeyAsync(new EnableKeyRequest { KeyId = key.KeyId }));
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId }));
    }

    // The API model bounds PendingWindowInDays by 1 and 365 (those are AWS's constraint texts); 7 to 30 is KMS's own rule.
    [Theory]
    [InlineData(0, "1 validation error detected: Value '0' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData(366, "1 validation error detected: Value '366' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 365")]
    [InlineData(6, "PendingWindowInDays must be between 7 and 30 days; it is 6.")]
    [InlineData(31, "PendingWindowInDays must be between 7 and 30 days; it is 31.")]
    public async Task ScheduleKeyDeletion_WindowOutOfRange_ValidationException(int days, string message)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = days }));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task CancelKeyDeletion_PendingKey_ReturnsItDisabled()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId });
        var cancelled = await client.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = key.KeyId });
        Assert.Equal(key.Arn, cancelled.KeyId);
        var described = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata;
        Assert.Equal(KeyState.Disabled, described.KeyState);
        Assert.Null(described.DeletionDate);
    }

    [Fact]
    public async Task CancelKeyDeletion_KeyNotPending_KMSInvalidStateException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("KMSInvalidStateException", () => client.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task ScheduleKeyDeletion_ClockPassesWindow_KeyAndAliasesAreGone()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/doomed", TargetKeyId = key.KeyId });
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId, PendingWindowInDays = 7 });

        kms.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(KeyState.PendingDeletion, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);

        kms.Clock.Advance(TimeSpan.FromSeconds(1));
        var error = await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
        Assert.Equal($"Key '{key.Arn}' does not exist", error.Message);
        Assert.DoesNotContain((await client.ListAliasesAsync(new ListAliasesRequest())).Aliases ?? [], a => a.AliasName == "alias/doomed");
    }

    [Fact]
    public async Task DescribeKey_UnknownOrMalformedKeyId_NotFoundException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var missing = Guid.NewGuid().ToString();
        var error = await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = missing }));
        Assert.Equal($"Key 'arn:aws:kms:us-east-1:111122223333:key/{missing}' does not exist", error.Message);
        error = await KmsAssert.FailsWith("NotFoundException", () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "not-a-key" }));
        Assert.Equal("Invalid keyId 'not-a-key'", error.Message);
    }

    [Fact]
    public async Task DescribeKey_KeyOfAnotherRegion_NotFoundExceptionInAwsWording()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync(kms.Client("us-east-1"));
        var error = await KmsAssert.FailsWith("NotFoundException", () => kms.Client("eu-west-1").DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
        Assert.Equal($"Key 'arn:aws:kms:eu-west-1:111122223333:key/{key.KeyId}' does not exist", error.Message);
        // AWS (recorded in LocalStack's snapshot test_get_key_in_different_region) names the region of the ARN given.
        error = await KmsAssert.FailsWith("NotFoundException", () => kms.Client("eu-west-1").DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn }));
        Assert.Equal("Invalid arn us-east-1", error.Message);
    }

    [Fact]
    public async Task DescribeKey_EveryIdentifierForm_SameKey()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/forms", TargetKeyId = key.KeyId });
        foreach (var id in new[] { key.KeyId, key.Arn, "alias/forms", "arn:aws:kms:us-east-1:111122223333:alias/forms" })
        {
            Assert.Equal(key.Arn, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = id })).KeyMetadata.Arn);
        }
    }

    [Fact]
    public async Task UpdateKeyDescription_NewText_DescribeKeyShowsIt()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { Description = "old" });
        await client.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = key.KeyId, Description = "new" });
        Assert.Equal("new", (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.Description);
    }

    [Fact]
    public async Task DescribeKey_MissingKeyId_ValidationException()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().DescribeKeyAsync(new DescribeKeyRequest()));
        Assert.Equal("1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null", error.Message);
    }
}
