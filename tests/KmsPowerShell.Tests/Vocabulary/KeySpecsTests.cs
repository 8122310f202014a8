using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Tests.Vocabulary;

public class KeySpecsTests
{
    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", null, "ENCRYPT_DECRYPT")]
    [InlineData("HMAC_256", null, "GENERATE_VERIFY_MAC")]
    [InlineData("ECC_SECG_P256K1", "", "SIGN_VERIFY")]
    [InlineData("RSA_2048", "SIGN_VERIFY", "SIGN_VERIFY")]
    [InlineData("ECC_NIST_P256", "KEY_AGREEMENT", "KEY_AGREEMENT")]
    [InlineData("ML_KEM_768", null, "ENCAPSULATE_DECAPSULATE")]
    public void ResolveUsage_GivenOrOnly_ReturnsIt(string spec, string? usage, string expected) =>
        Assert.Equal(expected, KeySpecs.ResolveUsage(spec, usage));

    [Theory]
    [InlineData("RSA_1024", null, "KeySpecInvalid", "'RSA_1024' is not a key spec. Use one of SYMMETRIC_DEFAULT, RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87, ECC_NIST_EDWARDS25519, ML_KEM_512, ML_KEM_768, ML_KEM_1024.")]
    [InlineData("rsa_2048", "SIGN_VERIFY", "KeySpecInvalid", null)]
    [InlineData("RSA_2048", null, "KeyUsageRequired", "RSA_2048 keys can be ENCRYPT_DECRYPT or SIGN_VERIFY: choose one with -KeyUsage.")]
    [InlineData("HMAC_256", "ENCRYPT_DECRYPT", "KeySpecUsageInvalid", "HMAC_256 keys cannot have key usage ENCRYPT_DECRYPT; they can be GENERATE_VERIFY_MAC.")]
    public void ResolveUsage_Refused_SaysWhy(string spec, string? usage, string problem, string? message)
    {
        var error = Assert.Throws<KmsArgumentException>(() => KeySpecs.ResolveUsage(spec, usage));
        Assert.Equal(problem, error.Problem);
        if (message is not null) Assert.Equal(message, error.Message);
    }
}
