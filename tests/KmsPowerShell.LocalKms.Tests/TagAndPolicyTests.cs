using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class TagAndPolicyTests
{
    [Fact]
    public async Task TagResource_AddReplaceRemove_ListResourceTagsShowsResult()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { Tags = [new Tag { TagKey = "team", TagValue = "a" }] });
        await client.TagResourceAsync(new TagResourceRequest { KeyId = key.KeyId, Tags = [new Tag { TagKey = "team", TagValue = "b" }, new Tag { TagKey = "env", TagValue = "dev" }] });
        await client.UntagResourceAsync(new UntagResourceRequest { KeyId = key.KeyId, TagKeys = ["env"] });
        var tags = (await client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId })).Tags;
        Assert.Equal(["team=b"], tags.Select(t => $"{t.TagKey}={t.TagValue}"));
    }

    [Fact]
    public async Task TagResource_AwsPrefix_TagException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var error = await KmsAssert.FailsWith("TagException",
            () => client.TagResourceAsync(new TagResourceRequest { KeyId = key.KeyId, Tags = [new Tag { TagKey = "aws:owner", TagValue = "x" }] }));
        Assert.Equal("Tags beginning with aws: are reserved", error.Message);
    }

    [Fact]
    public async Task CreateKey_DuplicateOrTooManyTags_AwsTagExceptionTexts()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var duplicate = await KmsAssert.FailsWith("TagException", () => client.CreateKeyAsync(new CreateKeyRequest
        {
            Tags = [new Tag { TagKey = "team", TagValue = "a" }, new Tag { TagKey = "team", TagValue = "b" }],
        }));
        Assert.Equal("Duplicate tag keys", duplicate.Message);
        var tooMany = await KmsAssert.FailsWith("TagException", () => client.CreateKeyAsync(new CreateKeyRequest
        {
            Tags = Enumerable.Range(0, 51).Select(i => new Tag { TagKey = $"k{i}", TagValue = "v" }).ToList(),
        }));
        Assert.Equal("Too many tags", tooMany.Message);
    }

    [Fact]
    public async Task TagResource_KeyOrValueTooLong_ValidationNamesTheTagsPosition()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var longKey = new string('k', 129);
        var keyError = await KmsAssert.FailsWith("ValidationException",
            () => client.TagResourceAsync(new TagResourceRequest { KeyId = key.KeyId, Tags = [new Tag { TagKey = longKey, TagValue = "v" }] }));
        Assert.Equal($"1 validation error detected: Value '{longKey}' at 'tags.1.member.tagKey' failed to satisfy constraint: " +
            "Member must have length less than or equal to 128", keyError.Message);
        var longValue = new string('v', 257);
        var valueError = await KmsAssert.FailsWith("ValidationException", () => client.TagResourceAsync(new TagResourceRequest
        {
            KeyId = key.KeyId, Tags = [new Tag { TagKey = "a", TagValue = "v" }, new Tag { TagKey = "b", TagValue = longValue }],
        }));
        Assert.Equal($"1 validation error detected: Value '{longValue}' at 'tags.2.member.tagValue' failed to satisfy constraint: " +
            "Member must have length less than or equal to 256", valueError.Message);
    }

    [Fact]
    public async Task ListResourceTags_Limit2_PagesThroughTags()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { Tags = Enumerable.Range(0, 5).Select(i => new Tag { TagKey = $"k{i}", TagValue = "" }).ToList() });
        var first = await client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId, Limit = 2 });
        var second = await client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId, Limit = 10, Marker = first.NextMarker });
        Assert.True(first.Truncated);
        Assert.Equal(["k0", "k1", "k2", "k3", "k4"], first.Tags.Concat(second.Tags).Select(t => t.TagKey));
    }

    [Fact]
    public async Task GetKeyPolicy_NewKey_DefaultPolicyForTheAccountRoot()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var policy = await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default" });
        Assert.Contains("arn:aws:iam::111122223333:root", policy.Policy);
        Assert.Equal("default", policy.PolicyName);
        Assert.Equal(["default"], (await client.ListKeyPoliciesAsync(new ListKeyPoliciesRequest { KeyId = key.KeyId })).PolicyNames);
    }

    [Fact]
    public async Task PutKeyPolicy_ValidJson_GetKeyPolicyReturnsIt()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}""";
        await client.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = policy });
        Assert.Equal(policy, (await client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId })).Policy);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    public async Task PutKeyPolicy_Malformed_MalformedPolicyDocumentException(string policy)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        await KmsAssert.FailsWith("MalformedPolicyDocumentException", () => client.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = policy }));
    }

    // The API model bounds Policy by 131072 characters; over the 32 KB key policy quota, the API reference says, KMS returns
    // a LimitExceededException. Its pattern admits tab, line feed, carriage return and U+0020 to U+00FF only.
    [Fact]
    public async Task PutKeyPolicy_OverTheSizeQuotaOrOutsideLatin1_LimitExceededOrValidation()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var large = """{"Version":"2012-10-17","Statement":[{"Sid":"__","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}""".Replace("__", new string('s', 40000));
        await KmsAssert.FailsWith("LimitExceededException", () => client.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = large }));
        var greek = """{"Version":"2012-10-17","Statement":[{"Sid":"Ω","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}""";
        var outside = await KmsAssert.FailsWith("ValidationException", () => client.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = greek }));
        Assert.Equal($"1 validation error detected: Value '{greek}' at 'policy' failed to satisfy constraint: " +
            @"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+", outside.Message);
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = new string(' ', 131073) }));
        Assert.EndsWith("at 'policy' failed to satisfy constraint: Member must have length less than or equal to 131072", error.Message);
    }

    [Fact]
    public async Task GetKeyPolicy_PolicyNameOutsidePattern_ValidationExceptionQuotingTheModelPattern()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        var name = string.Join('-', "not", "default");
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = name }));
        Assert.Equal(@"1 validation error detected: Value 'not-default' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w]+",
            error.Message);
    }

    // The API model bounds neither the number of tag keys nor refuses keys the key does not have.
    [Fact]
    public async Task UntagResource_51TagKeys_Accepted()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { Tags = [new Tag { TagKey = "k0", TagValue = "v" }] });
        await client.UntagResourceAsync(new UntagResourceRequest { KeyId = key.KeyId, TagKeys = Enumerable.Range(0, 51).Select(i => $"k{i}").ToList() });
        Assert.Empty((await client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId })).Tags ?? []);
    }
}
