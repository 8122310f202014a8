namespace KmsPowerShell.Tests.Keys;

public class KmsKeyRecordTests
{
    [Theory]
    [InlineData("arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("alias/key/app", "alias/key/app")]
    public void Record_NamesItsKeyByBareIdAndArn(string keyArn, string keyId)
    {
        var grant = new KmsGrant(keyArn, "g1", "us-west-2");
        Assert.Equal(keyId, grant.KeyId);
        Assert.Equal(keyArn, grant.KeyArn);
        Assert.Equal("us-west-2", grant.Region);
    }

    [Fact]
    public void Record_PipedAsKeyReference_NamesItsKeyByArn()
    {
        var tag = new KmsTag("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "eu-west-1", "Owner", "ops");
        Assert.Equal(tag.KeyArn, new KmsKeyReference(tag).Value);
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-west-1:111122223333:alias/app", "1234abcd", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd")]
    [InlineData("arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs", null, null)]
    public void Alias_NamesItsTargetKeyTheSameWay(string aliasArn, string? targetKeyId, string? keyArn)
    {
        var alias = new KmsAlias(aliasArn[(aliasArn.IndexOf(":alias/", StringComparison.Ordinal) + 1)..], aliasArn, targetKeyId, "eu-west-1");
        Assert.Equal(targetKeyId, alias.KeyId);
        Assert.Equal(keyArn, alias.KeyArn);
    }
}
