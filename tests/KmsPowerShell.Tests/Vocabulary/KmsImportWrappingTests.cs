using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Tests.Vocabulary;

/// <summary>The wrapping asked for unless told, as KMS takes each kind of material in each partition.</summary>
public class KmsImportWrappingTests
{
    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", null, "RSAES_OAEP_SHA_256", "RSA_4096")]
    [InlineData("HMAC_256", "cn-north-1", "RSAES_OAEP_SHA_256", "RSA_4096")]
    [InlineData("RSA_2048", "us-east-1", "RSA_AES_KEY_WRAP_SHA_256", "RSA_4096")]
    [InlineData("ECC_NIST_P256", "us-gov-west-1", "RSA_AES_KEY_WRAP_SHA_256", "RSA_4096")]
    [InlineData("RSA_2048", "cn-north-1", "SM2PKE", "SM2")]
    [InlineData("ECC_NIST_P256", "cn-northwest-1", "SM2PKE", "SM2")]
    [InlineData("SM2", "cn-north-1", "SM2PKE", "SM2")]
    public void DefaultAlgorithmAndKeySpec(string keySpec, string? region, string algorithm, string wrappingKeySpec)
    {
        Assert.Equal(algorithm, KmsImportWrapping.DefaultAlgorithmFor(keySpec, region));
        Assert.Equal(wrappingKeySpec, KmsImportWrapping.DefaultKeySpecFor(algorithm));
    }
}
