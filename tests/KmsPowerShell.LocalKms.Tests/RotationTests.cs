using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class RotationTests
{
    [Fact]
    public async Task RotateKeyOnDemand_OldCiphertext_StillDecryptsAndNewUsesNewMaterial()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var before = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("old") })).CiphertextBlob;
        var materialBefore = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.CurrentKeyMaterialId;

        var rotated = await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId });

        Assert.Equal(key.Arn, rotated.KeyId);
        Assert.Equal("old", LocalKmsHarness.Text((await client.DecryptAsync(new DecryptRequest { CiphertextBlob = before })).Plaintext));
        var materialAfter = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.CurrentKeyMaterialId;
        Assert.NotEqual(materialBefore, materialAfter);
        var after = await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("new") });
        Assert.Equal("new", LocalKmsHarness.Text((await client.DecryptAsync(new DecryptRequest { CiphertextBlob = after.CiphertextBlob })).Plaintext));
        var rotations = (await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId })).Rotations;
        Assert.Equal(RotationType.ON_DEMAND, Assert.Single(rotations).RotationType);
    }

    // The API reference: CURRENT and NON_CURRENT are used for every key that rotates; ALL_KEY_MATERIAL adds the first
    // material, which has no RotationDate or RotationType.
    [Fact]
    public async Task ListKeyRotations_IncludeKeyMaterial_StatesAndTheFirstMaterial()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId });

        var rotation = Assert.Single((await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId })).Rotations);
        Assert.Equal(KeyMaterialState.CURRENT, rotation.KeyMaterialState);
        var all = (await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId, IncludeKeyMaterial = IncludeKeyMaterial.ALL_KEY_MATERIAL })).Rotations;
        Assert.Equal(2, all.Count);
        Assert.Equal(key.CurrentKeyMaterialId, all[0].KeyMaterialId);
        Assert.Equal(KeyMaterialState.NON_CURRENT, all[0].KeyMaterialState);
        Assert.Null(all[0].RotationDate);
        Assert.Null(all[0].RotationType);
        Assert.Equal(rotation.KeyMaterialId, all[1].KeyMaterialId);

        var unknown = "SOME_KEY_MATERIAL";
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId, IncludeKeyMaterial = unknown }));
        Assert.Equal("1 validation error detected: Value 'SOME_KEY_MATERIAL' at 'includeKeyMaterial' failed to satisfy constraint: " +
            "Member must satisfy enum value set: [ALL_KEY_MATERIAL, ROTATIONS_ONLY]", error.Message);
    }

    [Fact]
    public async Task GetKeyRotationStatus_PendingDeletion_FalseUntilCancelled()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 90 });
        await client.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.KeyId });
        var pending = await client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId });
        Assert.False(pending.KeyRotationEnabled);
        Assert.Null(pending.RotationPeriodInDays);
        await client.CancelKeyDeletionAsync(new CancelKeyDeletionRequest { KeyId = key.KeyId });
        var restored = await client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId });
        Assert.True(restored.KeyRotationEnabled);
        Assert.Equal(90, restored.RotationPeriodInDays);
    }

    [Fact]
    public async Task EnableKeyRotation_ClockPassesPeriod_RotatesAutomatically()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = 90 });
        var status = await client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId });
        Assert.True(status.KeyRotationEnabled);
        Assert.Equal(90, status.RotationPeriodInDays);
        Assert.Equal(kms.Clock.GetUtcNow().AddDays(90).UtcDateTime, status.NextRotationDate!.Value.ToUniversalTime());
        var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("x") })).CiphertextBlob;

        kms.Clock.Advance(TimeSpan.FromDays(90));
        var rotations = (await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId })).Rotations;
        Assert.Equal(RotationType.AUTOMATIC, Assert.Single(rotations).RotationType);
        Assert.Equal("x", LocalKmsHarness.Text((await client.DecryptAsync(new DecryptRequest { CiphertextBlob = blob })).Plaintext));
    }

    [Fact]
    public async Task EnableKeyRotation_DefaultPeriod_365Days()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId });
        Assert.Equal(365, (await client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId })).RotationPeriodInDays);
        await client.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = key.KeyId });
        Assert.False((await client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId })).KeyRotationEnabled);
    }

    [Theory]
    [InlineData(89)]
    [InlineData(2561)]
    public async Task EnableKeyRotation_PeriodOutOfRange_ValidationException(int days)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("ValidationException", () => client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId, RotationPeriodInDays = days }));
    }

    [Fact]
    public async Task EnableKeyRotation_HmacKey_UnsupportedOperationException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { KeySpec = KeySpec.HMAC_256, KeyUsage = KeyUsageType.GENERATE_VERIFY_MAC });
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task EnableKeyRotation_DisabledKey_DisabledException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
        await KmsAssert.FailsWith("DisabledException", () => client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task RotateKeyOnDemand_TwentySixthTime_LimitExceededException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        for (var i = 0; i < 25; i++) await client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId });
        await KmsAssert.FailsWith("LimitExceededException", () => client.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = key.KeyId }));
        var page = await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = key.KeyId, Limit = 4 });
        Assert.True(page.Truncated);
        Assert.Equal(4, page.Rotations.Count);
    }
}
