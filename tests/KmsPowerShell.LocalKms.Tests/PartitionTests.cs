using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// ARNs in the partition of the Region a request is signed for, as AWS makes them: aws-cn in the China Regions,
/// aws-us-gov in GovCloud (keys, aliases, the default key policy's root principal, the caller as STS and policies see it).
/// </summary>
public sealed class PartitionTests : IDisposable
{
    private readonly LocalKmsHarness _kms = new();

    public void Dispose() => _kms.Dispose();

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-east-1", "aws")]
    public async Task CreateKeyAndAlias_ArnsAndDefaultPolicyInTheRegionsPartition(string region, string partition)
    {
        var client = _kms.Client(region);
        var key = await _kms.CreateKeyAsync(client);
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/partitioned", TargetKeyId = key.KeyId });

        Assert.Equal($"arn:{partition}:kms:{region}:111122223333:key/{key.KeyId}", key.Arn);
        var alias = (await client.ListAliasesAsync(new ListAliasesRequest { KeyId = key.KeyId })).Aliases.Single();
        Assert.Equal($"arn:{partition}:kms:{region}:111122223333:alias/partitioned", alias.AliasArn);
        var policy = (await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId })).Policy;
        Assert.Contains($"\"AWS\" : \"arn:{partition}:iam::111122223333:root\"", policy);
        // The default policy lets the account's own callers in: the key works through its ARN and its alias ARN.
        var ciphertext = (await client.EncryptAsync(new EncryptRequest { KeyId = alias.AliasArn, Plaintext = LocalKmsHarness.Bytes("in partition") })).CiphertextBlob;
        Assert.Equal(key.Arn, (await client.DecryptAsync(new DecryptRequest { KeyId = key.Arn, CiphertextBlob = ciphertext })).KeyId);
    }

    [Fact]
    public async Task DescribeKey_ArnOfAnotherPartition_NamesNoKeyHere()
    {
        var client = _kms.Client("cn-north-1");
        var key = await _kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("NotFoundException",
            () => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = $"arn:aws:kms:cn-north-1:111122223333:key/{key.KeyId}" }));
    }

    [Theory]
    [InlineData("us-east-1", "cn-north-1")]
    [InlineData("cn-north-1", "us-gov-west-1")]
    public async Task ReplicateKey_IntoAnotherPartition_ValidationException(string primaryRegion, string replicaRegion)
    {
        var client = _kms.Client(primaryRegion);
        var key = await _kms.CreateKeyAsync(client, new CreateKeyRequest { MultiRegion = true });
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = key.KeyId, ReplicaRegion = replicaRegion }));
        Assert.Contains("not in the partition", error.Message);
    }

    [Fact]
    public async Task AwsManagedKey_InChina_PolicyNamesTheAccountRootInAwsCn()
    {
        var client = _kms.Client("cn-north-1");
        var key = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/aws/s3" })).KeyMetadata;
        Assert.StartsWith("arn:aws-cn:kms:cn-north-1:111122223333:key/", key.Arn);
        var policy = (await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId })).Policy;
        Assert.Contains("\"AWS\" : \"arn:aws-cn:iam::111122223333:root\"", policy);
    }

    [Fact]
    public async Task PutKeyPolicy_InChina_BareAccountIdNamesTheAccountInAwsCn()
    {
        // Without the caller's own partition, the lockout safety check would find the policy locks the caller out.
        var client = _kms.Client("cn-north-1");
        var key = await _kms.CreateKeyAsync(client);
        await client.PutKeyPolicyAsync(new PutKeyPolicyRequest
        {
            KeyId = key.KeyId,
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*"}]}""",
        });
        await client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = LocalKmsHarness.Bytes("still mine") });
    }

    [Fact]
    public async Task GetCallerIdentity_InChina_TheCallerInAwsCn()
    {
        using var sts = _kms.StsClient(new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey), "cn-north-1");
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("arn:aws-cn:iam::111122223333:user/local-admin", identity.Arn);
    }

    [Fact]
    public async Task AccessDenied_InChina_NamesTheCallerAndKeyInAwsCn()
    {
        var client = _kms.Client("cn-north-1");
        var key = await _kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("AccessDeniedException",
            () => _kms.ClientB("cn-north-1").DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn }));
        Assert.StartsWith("User: arn:aws-cn:", error.Message);
        Assert.Contains($"on resource: {key.Arn}", error.Message);
    }
}
