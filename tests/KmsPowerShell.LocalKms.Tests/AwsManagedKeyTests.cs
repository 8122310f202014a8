using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.LocalKms.Tests;

public class AwsManagedKeyTests
{
    private const string S3AliasArn = "arn:aws:kms:us-east-1:111122223333:alias/aws/s3";

    [Fact]
    public async Task DescribeKey_AwsServiceAlias_MakesTheAwsManagedKeyOnceWithItsAlias()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/aws/s3" })).KeyMetadata;
        Assert.Equal(KeyManagerType.AWS, key.KeyManager);
        Assert.Equal("Default key that protects my S3 data when no other key is defined", key.Description);
        Assert.Equal(KeyState.Enabled, key.KeyState);
        Assert.Equal(key.KeyId, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = S3AliasArn })).KeyMetadata.KeyId);

        var alias = Assert.Single((await client.ListAliasesAsync(new ListAliasesRequest { KeyId = key.KeyId })).Aliases);
        Assert.Equal(("alias/aws/s3", S3AliasArn, key.KeyId), (alias.AliasName, alias.AliasArn, alias.TargetKeyId));
        var listed = Assert.Single((await client.ListAliasesAsync(new ListAliasesRequest())).Aliases, a => a.AliasName == "alias/aws/s3");
        Assert.Equal(key.KeyId, listed.TargetKeyId);
        var rotation = await client.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = key.KeyId });
        Assert.True(rotation.KeyRotationEnabled);
        Assert.Equal(365, rotation.RotationPeriodInDays);
        Assert.Single((await client.ListKeysAsync(new ListKeysRequest())).Keys);
    }

    [Fact]
    public async Task ListAliases_NoAwsManagedKeyMadeYet_ListsThePredefinedAliasesWithoutTarget()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/mine", TargetKeyId = key.KeyId });

        var aliases = (await client.ListAliasesAsync(new ListAliasesRequest { Limit = 100 })).Aliases;

        var predefined = aliases.Where(a => a.AliasName.StartsWith("alias/aws/", StringComparison.Ordinal)).ToList();
        Assert.Contains(predefined, a => a.AliasName == "alias/aws/s3" && a.AliasArn == S3AliasArn);
        Assert.All(predefined, a => Assert.Equal((null, null, null), (a.TargetKeyId, a.CreationDate, a.LastUpdatedDate)));
        Assert.Equal(aliases.Select(a => a.AliasName).Order(StringComparer.Ordinal), aliases.Select(a => a.AliasName));
        Assert.Equal(key.KeyId, Assert.Single(aliases, a => a.AliasName == "alias/mine").TargetKeyId);
        Assert.Equal(key.KeyId, Assert.Single((await client.ListKeysAsync(new ListKeysRequest())).Keys).KeyId);
    }

    [Fact]
    public async Task DescribeKey_UnknownAwsAlias_NotFoundException()
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("NotFoundException",
            () => kms.Client().DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/aws/nosuchservice" }));
        Assert.Equal("Alias arn:aws:kms:us-east-1:111122223333:alias/aws/nosuchservice is not found.", error.Message);
    }

    [Fact]
    public async Task Encrypt_AwsServiceAlias_AccessDeniedWithoutTheServicesViaService()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/aws/ebs" })).KeyMetadata;
        var error = await KmsAssert.FailsWith("AccessDeniedException",
            () => client.EncryptAsync(new EncryptRequest { KeyId = "alias/aws/ebs", Plaintext = LocalKmsHarness.Bytes("x") }));
        Assert.Equal($"User: {LocalKmsPrincipal.DefaultPrincipalArn} is not authorized to perform: kms:Encrypt on resource: {key.Arn} " +
            "because no resource-based policy allows the kms:Encrypt action", error.Message);
        await KmsAssert.FailsWith("AccessDeniedException",
            () => client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = "alias/aws/rds", KeySpec = DataKeySpec.AES_256 }));
    }

    public static TheoryData<string, Func<IAmazonKeyManagementService, string, Task>> RefusedAdministration => new()
    {
        { "EnableKeyRotation", (c, id) => c.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = id }) },
        { "DisableKeyRotation", (c, id) => c.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = id }) },
        { "ScheduleKeyDeletion", (c, id) => c.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = id }) },
        { "PutKeyPolicy", (c, id) => c.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = id, Policy = "{\"Statement\":[]}" }) },
        { "TagResource", (c, id) => c.TagResourceAsync(new TagResourceRequest { KeyId = id, Tags = [new Tag { TagKey = "a", TagValue = "b" }] }) },
        { "DisableKey", (c, id) => c.DisableKeyAsync(new DisableKeyRequest { KeyId = id }) },
        { "UpdateKeyDescription", (c, id) => c.UpdateKeyDescriptionAsync(new UpdateKeyDescriptionRequest { KeyId = id, Description = "x" }) },
        { "DeleteAlias", (c, _) => c.DeleteAliasAsync(new DeleteAliasRequest { AliasName = "alias/aws/s3" }) },
    };

    [Theory]
    [MemberData(nameof(RefusedAdministration))]
    public async Task Administration_AwsManagedKey_AccessDeniedByItsKeyPolicy(string action, Func<IAmazonKeyManagementService, string, Task> call)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/aws/s3" })).KeyMetadata;
        var error = await KmsAssert.FailsWith("AccessDeniedException", () => call(client, key.KeyId));
        Assert.Equal($"User: {LocalKmsPrincipal.DefaultPrincipalArn} is not authorized to perform: kms:{action} on resource: {key.Arn} " +
            $"because no resource-based policy allows the kms:{action} action", error.Message);
    }
}
