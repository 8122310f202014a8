using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class MultiRegionTests
{
    [Fact]
    public async Task CreateKey_MultiRegion_MrkIdAndPrimaryConfiguration()
    {
        using var kms = new LocalKmsHarness();
        var key = await kms.CreateKeyAsync(request: new CreateKeyRequest { MultiRegion = true });
        Assert.Matches("^mrk-[0-9a-f]{32}$", key.KeyId);
        Assert.True(key.MultiRegion);
        Assert.Equal(MultiRegionKeyType.PRIMARY, key.MultiRegionConfiguration.MultiRegionKeyType);
        Assert.Equal("us-east-1", key.MultiRegionConfiguration.PrimaryKey.Region);
    }

    [Fact]
    public async Task ReplicateKey_OtherRegion_ReplicaDecryptsPrimaryCiphertext()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client("us-east-1");
        var west = kms.Client("eu-west-1");
        var primary = await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true });
        var replicated = await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1", Description = "replica" });
        var replica = replicated.ReplicaKeyMetadata;
        Assert.Equal(primary.KeyId, replica.KeyId);
        Assert.Equal($"arn:aws:kms:eu-west-1:111122223333:key/{primary.KeyId}", replica.Arn);
        Assert.Equal(MultiRegionKeyType.REPLICA, replica.MultiRegionConfiguration.MultiRegionKeyType);

        var blob = (await east.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = LocalKmsHarness.Bytes("both regions") })).CiphertextBlob;
        var decrypted = await west.DecryptAsync(new DecryptRequest { CiphertextBlob = blob });
        Assert.Equal("both regions", LocalKmsHarness.Text(decrypted.Plaintext));
        Assert.Equal(replica.Arn, decrypted.KeyId);

        var described = (await east.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata;
        Assert.Equal("eu-west-1", Assert.Single(described.MultiRegionConfiguration.ReplicaKeys).Region);
    }

    [Fact]
    public async Task ReplicateKey_SecondTimeOrSingleRegionKey_Refused()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var primary = await kms.CreateKeyAsync(client, new CreateKeyRequest { MultiRegion = true });
        await client.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" });
        await KmsAssert.FailsWith("AlreadyExistsException", () => client.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" }));
        var single = await kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("UnsupportedOperationException", () => client.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = single.KeyId, ReplicaRegion = "eu-west-1" }));
    }

    [Fact]
    public async Task UpdatePrimaryRegion_ToReplica_RolesSwap()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client("us-east-1");
        var primary = await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true });
        await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" });
        await east.UpdatePrimaryRegionAsync(new UpdatePrimaryRegionRequest { KeyId = primary.KeyId, PrimaryRegion = "eu-west-1" });

        var eastKey = (await east.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata;
        Assert.Equal(MultiRegionKeyType.REPLICA, eastKey.MultiRegionConfiguration.MultiRegionKeyType);
        Assert.Equal("eu-west-1", eastKey.MultiRegionConfiguration.PrimaryKey.Region);
        await KmsAssert.FailsWith("NotFoundException",
            () => kms.Client("eu-west-1").UpdatePrimaryRegionAsync(new UpdatePrimaryRegionRequest { KeyId = primary.KeyId, PrimaryRegion = "ap-south-1" }));
    }

    [Fact]
    public async Task RotateKeyOnDemand_Primary_ReplicaDecryptsNewCiphertext()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client("us-east-1");
        var primary = await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true });
        await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" });
        await east.RotateKeyOnDemandAsync(new RotateKeyOnDemandRequest { KeyId = primary.KeyId });
        var blob = (await east.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = LocalKmsHarness.Bytes("r") })).CiphertextBlob;
        Assert.Equal("r", LocalKmsHarness.Text((await kms.Client("eu-west-1").DecryptAsync(new DecryptRequest { CiphertextBlob = blob })).Plaintext));
    }

    [Fact]
    public async Task ScheduleKeyDeletion_PrimaryWithReplica_WaitsForReplicaThenItsOwnWindow()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client("us-east-1");
        var west = kms.Client("eu-west-1");
        var primary = await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true });
        await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" });

        var scheduled = await east.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = primary.KeyId, PendingWindowInDays = 7 });
        Assert.Equal(KeyState.PendingReplicaDeletion, scheduled.KeyState);
        await west.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = primary.KeyId, PendingWindowInDays = 7 });

        kms.Clock.Advance(TimeSpan.FromDays(7));
        await KmsAssert.FailsWith("NotFoundException", () => west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId }));
        Assert.Equal(KeyState.PendingDeletion, (await east.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata.KeyState);
        kms.Clock.Advance(TimeSpan.FromDays(7));
        await KmsAssert.FailsWith("NotFoundException", () => east.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId }));
    }

    [Fact]
    public async Task ReplicateKey_NoTags_AnswersCreatingWithoutTagsOrMaterialIdThenEnabledOnNextRequest()
    {
        using var kms = new LocalKmsHarness();
        var east = kms.Client("us-east-1");
        var primary = await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true });
        var replicated = await east.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = "eu-west-1" });
        Assert.Equal(KeyState.Creating, replicated.ReplicaKeyMetadata.KeyState);
        Assert.False(replicated.ReplicaKeyMetadata.Enabled);
        Assert.Null(replicated.ReplicaKeyMetadata.CurrentKeyMaterialId);
        Assert.Null(replicated.ReplicaTags);

        var replica = (await kms.Client("eu-west-1").DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata;
        Assert.Equal(KeyState.Enabled, replica.KeyState);
        Assert.True(replica.Enabled);
        Assert.NotNull(replica.CurrentKeyMaterialId);
    }

    [Fact]
    public async Task ReplicateKey_WithDelay_CreatingRefusesUseUntilTheClockPassesIt()
    {
        using var kms = new LocalKmsHarness(replicaCreationDelay: TimeSpan.FromSeconds(5));
        var east = kms.Client("us-east-1");
        var west = kms.Client("eu-west-1");
        var primary = await kms.CreateKeyAsync(east, new CreateKeyRequest { MultiRegion = true });
        var replicated = await east.ReplicateKeyAsync(new ReplicateKeyRequest
        {
            KeyId = primary.KeyId, ReplicaRegion = "eu-west-1", Tags = [new Tag { TagKey = "team", TagValue = "a" }],
        });
        Assert.Equal("team", Assert.Single(replicated.ReplicaTags).TagKey);
        var arn = replicated.ReplicaKeyMetadata.Arn;

        Assert.Equal(KeyState.Creating, (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata.KeyState);
        var error = await KmsAssert.FailsWith("KMSInvalidStateException",
            () => west.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = LocalKmsHarness.Bytes("x") }));
        Assert.Equal($"{arn} is in Creating state.", error.Message);
        await KmsAssert.FailsWith("KMSInvalidStateException", () => west.DisableKeyAsync(new DisableKeyRequest { KeyId = primary.KeyId }));
        // ReplicateKey's reference: "While the key state is Creating, you can manage key, but you cannot yet use it".
        await west.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = primary.KeyId, Description = "replica" });
        await west.TagResourceAsync(new TagResourceRequest { KeyId = primary.KeyId, Tags = [new Tag { TagKey = "env", TagValue = "b" }] });
        await west.UntagResourceAsync(new UntagResourceRequest { KeyId = primary.KeyId, TagKeys = ["team"] });
        await west.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/replica", TargetKeyId = primary.KeyId });
        Assert.Equal("replica", (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/replica" })).KeyMetadata.Description);

        kms.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(KeyState.Enabled, (await west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = primary.KeyId })).KeyMetadata.KeyState);
        await west.EncryptAsync(new EncryptRequest { KeyId = primary.KeyId, Plaintext = LocalKmsHarness.Bytes("x") });
    }
}
