using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Tests.Vocabulary;

/// <summary>The partition of a Region, as the SDKs' partitions.json names them, and ARNs moved between partitions.</summary>
public class KmsPartitionTests
{
    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("eu-west-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("us-iso-east-1", "aws-iso")]
    [InlineData("us-isob-east-1", "aws-iso-b")]
    [InlineData("eu-isoe-west-1", "aws-iso-e")]
    [InlineData("us-isof-south-1", "aws-iso-f")]
    public void Of_Region_ItsPartition(string region, string partition)
    {
        Assert.Equal(partition, KmsPartition.Of(region));
        Assert.Equal(partition == "aws-cn", KmsPartition.IsChina(region));
        Assert.Equal($"arn:{partition}:kms:{region}:", KmsPartition.ArnPrefix("kms", region));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:root", "aws-cn", "arn:aws-cn:iam::111122223333:root")]
    [InlineData("arn:aws-cn:sts::111122223333:assumed-role/r/s", "aws", "arn:aws:sts::111122223333:assumed-role/r/s")]
    [InlineData("arn:aws-us-gov:iam::111122223333:user/a", "aws-us-gov", "arn:aws-us-gov:iam::111122223333:user/a")]
    [InlineData("111122223333", "aws-cn", "111122223333")]
    [InlineData("*", "aws-cn", "*")]
    public void WithPartition_Arn_NamedInThatPartition(string arn, string partition, string expected)
    {
        Assert.Equal(expected, KmsPartition.WithPartition(arn, partition));
    }

    [Fact]
    public void OfArn_TheSecondField_NullForNoArn()
    {
        Assert.Equal("aws-cn", KmsPartition.OfArn("arn:aws-cn:kms:cn-north-1:111122223333:key/k"));
        Assert.Null(KmsPartition.OfArn("alias/x"));
        Assert.Null(KmsPartition.OfArn("arn:"));
    }
}
