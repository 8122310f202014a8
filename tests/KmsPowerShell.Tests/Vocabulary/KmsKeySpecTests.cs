using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Tests.Vocabulary;

public class KmsKeySpecTests
{
    [Fact]
    public void Supported_IsWhatTheModuleMakes_DefaultFirst()
    {
        Assert.Equal(
            ["SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
             "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519",
             "ML_KEM_512", "ML_KEM_768", "ML_KEM_1024"],
            KmsKeySpec.Supported.Select(spec => spec.Name));
        Assert.Equal(["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT", "ENCAPSULATE_DECAPSULATE"], KmsKeyUsages.Supported);
    }

    [Fact]
    public void EveryPairSpec_IsAnAsymmetricKeySpecTheModuleMakes() => Assert.All(KmsDataKeySpecs.Pair, name =>
        Assert.True(KmsKeySpec.Find(name) is { Family: not (KmsKeyFamily.Symmetric or KmsKeyFamily.Hmac) } spec && KmsKeySpec.Supported.Contains(spec), name));

    [Fact]
    public void EverySpec_HasKnownUsages_EachOfferingAlgorithmsOfItsFamily()
    {
        foreach (var spec in KmsKeySpec.All)
        {
            Assert.NotEmpty(spec.Usages);
            foreach (var usage in spec.Usages)
            {
                Assert.Contains(usage, KmsKeyUsages.All);
                Assert.True(spec.AlgorithmsFor(usage).Count > 0, $"{spec.Name} {usage} offers no algorithm");
                Assert.All(spec.EncryptionAlgorithms(usage), name => Assert.Contains(name, KmsAlgorithms.Encryption));
                Assert.All(spec.SigningAlgorithms(usage), name => Assert.Contains(name, KmsAlgorithms.Signing));
                Assert.All(spec.MacAlgorithms(usage), name => Assert.Contains(name, KmsAlgorithms.Mac));
                Assert.All(spec.KeyAgreementAlgorithms(usage), name => Assert.Contains(name, KmsAlgorithms.KeyAgreement));
                Assert.All(spec.EncapsulationAlgorithms(usage), name => Assert.Contains(name, KmsAlgorithms.Encapsulation));
            }
            foreach (var other in KmsKeyUsages.All.Except(spec.Usages)) Assert.Empty(spec.AlgorithmsFor(other));
        }
    }

    [Fact]
    public void EveryAlgorithm_IsOfferedBySomeSpec()
    {
        var offered = KmsKeySpec.All.SelectMany(spec => spec.Usages.SelectMany(spec.AlgorithmsFor)).ToHashSet();
        var named = KmsAlgorithms.Encryption.Concat(KmsAlgorithms.Signing).Concat(KmsAlgorithms.Mac)
            .Concat(KmsAlgorithms.KeyAgreement).Concat(KmsAlgorithms.Encapsulation);
        Assert.All(named, name => Assert.Contains(name, offered));
    }

    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", new[] { "SYMMETRIC_DEFAULT" })]
    [InlineData("RSA_3072", "ENCRYPT_DECRYPT", new[] { "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256" })]
    [InlineData("ECC_NIST_P384", "SIGN_VERIFY", new[] { "ECDSA_SHA_384" })]
    [InlineData("ECC_NIST_P521", "SIGN_VERIFY", new[] { "ECDSA_SHA_512" })]
    [InlineData("ECC_SECG_P256K1", "SIGN_VERIFY", new[] { "ECDSA_SHA_256" })]
    [InlineData("ECC_NIST_P256", "KEY_AGREEMENT", new[] { "ECDH" })]
    [InlineData("HMAC_384", "GENERATE_VERIFY_MAC", new[] { "HMAC_SHA_384" })]
    [InlineData("ECC_NIST_EDWARDS25519", "SIGN_VERIFY", new[] { "ED25519_SHA_512", "ED25519_PH_SHA_512" })]
    [InlineData("SM2", "ENCRYPT_DECRYPT", new[] { "SM2PKE" })]
    [InlineData("ML_KEM_768", "ENCAPSULATE_DECAPSULATE", new[] { "ML_KEM" })]
    public void AlgorithmsFor_IsWhatAwsDocumentsForTheSpec(string spec, string usage, string[] algorithms) =>
        Assert.Equal(algorithms, KmsKeySpec.Find(spec)!.AlgorithmsFor(usage));

    [Fact]
    public void RsaSigning_IsTheSixRsassaAlgorithms_EachHashedHere()
    {
        var rsa = KmsKeySpec.Find("RSA_2048")!.SigningAlgorithms(KmsKeyUsages.SignVerify);
        Assert.Equal(6, rsa.Count);
        Assert.All(rsa, name => Assert.NotNull(SigningAlgorithm.Find(name)?.RsaPadding));
    }

    [Fact]
    public void Find_IsExactAboutCase() => Assert.Null(KmsKeySpec.Find("rsa_2048"));
}
