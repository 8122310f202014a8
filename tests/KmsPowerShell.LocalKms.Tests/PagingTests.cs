using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class PagingTests
{
    [Fact]
    public async Task ListKeys_250KeysLimit100_ThreePagesWithMarkers()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var created = new HashSet<string>();
        for (var i = 0; i < 250; i++) created.Add((await kms.CreateKeyAsync(client)).KeyId);
        await kms.CreateKeyAsync(kms.Client("eu-west-1"));

        var seen = new List<string>();
        var pages = new List<ListKeysResponse>();
        string? marker = null;
        do
        {
            var page = await client.ListKeysAsync(new ListKeysRequest { Limit = 100, Marker = marker });
            pages.Add(page);
            seen.AddRange(page.Keys.Select(k => k.KeyId));
            marker = page.NextMarker;
        }
        while (marker is not null);

        Assert.Equal([100, 100, 50], pages.Select(p => p.Keys.Count));
        Assert.Equal([true, true, false], pages.Select(p => p.Truncated == true));
        Assert.Equal(created.Order(), seen.Order());
        Assert.All(pages[0].Keys, k => Assert.Equal($"arn:aws:kms:us-east-1:111122223333:key/{k.KeyId}", k.KeyArn));
    }

    [Fact]
    public async Task ListKeys_NoLimit_DefaultsTo100()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        for (var i = 0; i < 101; i++) await kms.CreateKeyAsync(client);
        var page = await client.ListKeysAsync(new ListKeysRequest());
        Assert.Equal(100, page.Keys.Count);
        Assert.True(page.Truncated);
    }

    [Theory]
    [InlineData(0, "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData(1001, "Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")]
    public async Task ListKeys_LimitOutOfRange_ValidationException(int limit, string violation)
    {
        using var kms = new LocalKmsHarness();
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().ListKeysAsync(new ListKeysRequest { Limit = limit }));
        Assert.Equal("1 validation error detected: " + violation, error.Message);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("AAAA.BBBB")]
    public async Task ListKeys_MadeUpMarker_InvalidMarkerException(string marker)
    {
        using var kms = new LocalKmsHarness();
        await KmsAssert.FailsWith("InvalidMarkerException", () => kms.Client().ListKeysAsync(new ListKeysRequest { Marker = marker }));
    }

    [Fact]
    public async Task ListAliases_MarkerFromListKeys_InvalidMarkerException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        for (var i = 0; i < 3; i++) await kms.CreateKeyAsync(client);
        var marker = (await client.ListKeysAsync(new ListKeysRequest { Limit = 1 })).NextMarker;
        await KmsAssert.FailsWith("InvalidMarkerException", () => client.ListAliasesAsync(new ListAliasesRequest { Marker = marker }));
    }

    // The API model (botocore's service-2.json) bounds Limit by 1000; the API reference says a page holds at most 100 aliases.
    [Fact]
    public async Task ListAliases_LimitOver100_PageOf100()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var key = await kms.CreateKeyAsync(client);
        for (var i = 0; i < 101; i++) await client.CreateAliasAsync(new CreateAliasRequest { AliasName = $"alias/a{i:D3}", TargetKeyId = key.KeyId });
        var page = await client.ListAliasesAsync(new ListAliasesRequest { Limit = 1000 });
        Assert.Equal(100, page.Aliases.Count);
        Assert.True(page.Truncated);
        var overModel = 1001;
        var error = await KmsAssert.FailsWith("ValidationException", () => client.ListAliasesAsync(new ListAliasesRequest { Limit = overModel }));
        Assert.Equal("1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000", error.Message);
    }

    // The same for tags: Limit up to 1000 in the API model, at most 50 tags a page in the API reference.
    [Fact]
    public async Task ListResourceTags_LimitOver50_PageOf50()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var tags = Enumerable.Range(0, 50).Select(i => new Tag { TagKey = $"k{i:D2}", TagValue = "v" }).ToList();
        var key = await kms.CreateKeyAsync(client, new CreateKeyRequest { Tags = tags });
        var page = await client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId, Limit = 51 });
        Assert.Equal(50, page.Tags.Count);
        Assert.False(page.Truncated);
        var overModel = 1001;
        var error = await KmsAssert.FailsWith("ValidationException",
            () => client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId, Limit = overModel }));
        Assert.Equal("1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000", error.Message);
    }

    // A marker's pattern as the API model writes it, and a character outside it anywhere in the marker.
    [Fact]
    public async Task ListKeys_MarkerOutsideLatin1_ValidationExceptionQuotingTheModelPattern()
    {
        using var kms = new LocalKmsHarness();
        var marker = "ab" + (char)0x100;
        var error = await KmsAssert.FailsWith("ValidationException", () => kms.Client().ListKeysAsync(new ListKeysRequest { Marker = marker }));
        Assert.Equal("1 validation error detected: Value 'ab\u0100' at 'marker' failed to satisfy constraint: " +
            @"Member must satisfy regular expression pattern: [\u0020-\u00FF]*", error.Message);
    }

    [Fact]
    public async Task ListAliases_PagesAndKeyFilter_ReturnsEachAliasOnce()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var first = await kms.CreateKeyAsync(client);
        var second = await kms.CreateKeyAsync(client);
        for (var i = 0; i < 5; i++) await client.CreateAliasAsync(new CreateAliasRequest { AliasName = $"alias/a{i}", TargetKeyId = first.KeyId });
        await client.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/b", TargetKeyId = second.Arn });

        var names = new List<string>();
        string? marker = null;
        do
        {
            var page = await client.ListAliasesAsync(new ListAliasesRequest { KeyId = first.KeyId, Limit = 2, Marker = marker });
            names.AddRange(page.Aliases.Select(a => a.AliasName));
            Assert.All(page.Aliases, a => Assert.Equal(first.KeyId, a.TargetKeyId));
            marker = page.NextMarker;
        }
        while (marker is not null);
        Assert.Equal(["alias/a0", "alias/a1", "alias/a2", "alias/a3", "alias/a4"], names);
        Assert.Equal(6, (await client.ListAliasesAsync(new ListAliasesRequest { Limit = 100 })).Aliases.Count(a => a.TargetKeyId is not null));
    }
}
