using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Tests.Keys;

public class KeyIdentifierTests
{
    [Theory]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", KeyIdentifierKind.KeyId, null)]
    [InlineData("mrk-1234abcd12ab34cd56ef1234567890ab", KeyIdentifierKind.KeyId, null)]
    [InlineData("arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", KeyIdentifierKind.KeyArn, "us-east-2")]
    [InlineData("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/1234abcd", KeyIdentifierKind.KeyArn, "us-gov-west-1")]
    [InlineData("alias/ExampleAlias", KeyIdentifierKind.AliasName, null)]
    [InlineData("arn:aws-cn:kms:cn-north-1:111122223333:alias/app/prod", KeyIdentifierKind.AliasArn, "cn-north-1")]
    public void Parse_EachForm_ReturnsKindAndRegion(string text, KeyIdentifierKind kind, string? region)
    {
        var id = KeyIdentifier.Parse(text);
        Assert.Equal(kind, id.Kind);
        Assert.Equal(region, id.Region);
        Assert.Equal(text, id.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("alias/")]
    [InlineData("arn:aws:kms:us-east-1:key/1234")]
    [InlineData("arn:aws:kms:us-east-1:12345:key/1234")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("key/1234")]
    [InlineData("two words")]
    public void Parse_Malformed_ThrowsKeyIdInvalid(string text)
    {
        var error = Assert.Throws<KmsArgumentException>(() => KeyIdentifier.Parse(text));
        Assert.Equal("KeyIdInvalid", error.Problem);
    }

    [Fact]
    public void ForRegions_Arn_AsksOnlyItsOwnRegion()
    {
        var requests = KeyRequest.ForRegions("arn:aws:kms:eu-west-1:111122223333:key/abc", ["us-east-1", "us-west-2"]).ToList();
        Assert.Equal([new KeyRequest("arn:aws:kms:eu-west-1:111122223333:key/abc", "eu-west-1")], requests);
    }

    [Fact]
    public void ForRegions_KeyId_AsksEveryRegion()
    {
        var requests = KeyRequest.ForRegions("alias/app", ["us-east-1", "us-west-2"]).Select(r => r.Region);
        Assert.Equal(["us-east-1", "us-west-2"], requests);
    }
}
