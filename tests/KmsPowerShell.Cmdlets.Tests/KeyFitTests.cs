namespace KmsPowerShell.Cmdlets.Tests;

public class KeyFitTests
{
    [Fact]
    public void ReadsTheAlgorithmsOfTheKeysUsage()
    {
        var encryption = new[] { "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256" };
        var signing = new[] { "RSASSA_PSS_SHA_256" };
        var mac = new[] { "HMAC_SHA_256" };
        Assert.Equal(encryption, KeyFit.Of(Keys.Key("RSA_2048", "ENCRYPT_DECRYPT", encryption, signing, mac)).Algorithms);
        Assert.Equal(signing, KeyFit.Of(Keys.Key("RSA_2048", "SIGN_VERIFY", encryption, signing, mac)).Algorithms);
        Assert.Equal(mac, KeyFit.Of(Keys.Key("HMAC_256", "GENERATE_VERIFY_MAC", encryption, signing, mac)).Algorithms);
    }

    [Fact]
    public void NamesTheKeyByItsFirstAliasElseItsKeyId()
    {
        Assert.Equal("alias/payroll", KeyFit.Of(Keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", aliases: ["alias/payroll", "alias/hr"])).Name);
        Assert.Equal(Keys.KeyId, KeyFit.Of(Keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")).Name);
    }

    [Theory]
    [InlineData("HMAC_224", "GENERATE_VERIFY_MAC", "HMAC_SHA_224")]
    [InlineData("HMAC_512", "GENERATE_VERIFY_MAC", "HMAC_SHA_512")]
    [InlineData("ECC_NIST_P256", "SIGN_VERIFY", "ECDSA_SHA_256")]
    [InlineData("ECC_SECG_P256K1", "SIGN_VERIFY", "ECDSA_SHA_256")]
    [InlineData("ECC_NIST_P384", "SIGN_VERIFY", "ECDSA_SHA_384")]
    [InlineData("ECC_NIST_P521", "SIGN_VERIFY", "ECDSA_SHA_512")]
    public void FillsInTheOnlyAlgorithmOfASpecWhenTheServiceListsNone(string keySpec, string keyUsage, string algorithm)
    {
        // moto lists no MacAlgorithms: the algorithm AWS documents for the spec is the one to use.
        var fit = KeyFit.Of(Keys.Key(keySpec, keyUsage));
        Assert.Equal([algorithm], fit.Algorithms);
        Assert.Equal(algorithm, fit.Choose(null, "-MacAlgorithm"));
    }

    [Theory]
    [InlineData("RSA_2048", "SIGN_VERIFY", "RSASSA_PSS_SHA_256,RSASSA_PSS_SHA_384,RSASSA_PSS_SHA_512,RSASSA_PKCS1_V1_5_SHA_256,RSASSA_PKCS1_V1_5_SHA_384,RSASSA_PKCS1_V1_5_SHA_512")]
    [InlineData("RSA_3072", "ENCRYPT_DECRYPT", "RSAES_OAEP_SHA_1,RSAES_OAEP_SHA_256")]
    [InlineData("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT")]
    public void TakesTheSpecsAlgorithmsWhenTheKeyListsNone(string keySpec, string keyUsage, string expected) =>
        // moto lists no algorithms: the key then offers what AWS documents for its spec and usage.
        Assert.Equal(expected.Split(',').Order(StringComparer.Ordinal), KeyFit.Of(Keys.Key(keySpec, keyUsage)).Algorithms.Order(StringComparer.Ordinal));

    [Fact]
    public void AsksForTheAlgorithmWhenTheSpecOffersSeveral()
    {
        var error = Assert.Throws<KmsArgumentException>(() => KeyFit.Of(Keys.Key("RSA_2048", "ENCRYPT_DECRYPT")).Choose(null, "-EncryptionAlgorithm"));
        Assert.Equal("EncryptionAlgorithmRequired", error.Problem);
        Assert.Contains("RSAES_OAEP_SHA_256", error.Message);
    }

    [Fact]
    public void ReadsThePublicKeysSigningAlgorithmsAndNamesItByArn()
    {
        var publicKey = new KmsPublicKey(Keys.Arn, "us-east-1", "ECC_NIST_P384", "SIGN_VERIFY", [1, 2, 3]) { SigningAlgorithms = ["ECDSA_SHA_384"] };
        var fit = KeyFit.Of(publicKey);
        Assert.Equal(Keys.Arn, fit.Name);
        Assert.Equal(["ECDSA_SHA_384"], fit.Algorithms);
        Assert.Equal(["ECDSA_SHA_512"], KeyFit.Of(new KmsPublicKey(Keys.Arn, "us-east-1", "ECC_NIST_P521", "SIGN_VERIFY", [1])).Algorithms);
    }

    [Fact]
    public void RefusesAKeyOfAnotherUsageNamingTheKeyAndWhatWouldDo()
    {
        var fit = new KeyFit("alias/app", "HMAC_256", "GENERATE_VERIFY_MAC", ["HMAC_SHA_256"]);
        var refused = Assert.Throws<KmsArgumentException>(() => fit.RequireUsage("SIGN_VERIFY", "signing"));
        Assert.Equal("KeyUsageInvalid", refused.Problem);
        Assert.Equal("Key alias/app is a GENERATE_VERIFY_MAC key (HMAC_256); signing needs a SIGN_VERIFY key.", refused.Message);
        fit.RequireUsage("GENERATE_VERIFY_MAC", "a MAC");
    }

    [Fact]
    public void TakesTheAlgorithmAskedForWhenTheKeyOffersIt()
    {
        var fit = new KeyFit("k", "RSA_2048", "ENCRYPT_DECRYPT", ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]);
        Assert.Equal("RSAES_OAEP_SHA_1", fit.Choose("RSAES_OAEP_SHA_1", "-EncryptionAlgorithm"));
    }

    [Fact]
    public void RefusesAnAlgorithmTheKeyDoesNotOfferListingThoseItDoes()
    {
        var fit = new KeyFit("alias/app", "RSA_2048", "ENCRYPT_DECRYPT", ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]);
        var refused = Assert.Throws<KmsArgumentException>(() => fit.Choose("rsaes_oaep_sha_256", "-EncryptionAlgorithm"));
        Assert.Equal("EncryptionAlgorithmInvalid", refused.Problem);
        Assert.Equal("rsaes_oaep_sha_256 does not fit key alias/app (RSA_2048); it offers RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256.", refused.Message);
    }

    [Fact]
    public void LeavesTheCheckToTheServiceWhenTheKeysAlgorithmsAreNotKnown() =>
        Assert.Equal("RSASSA_PSS_SHA_512", new KeyFit("k", "RSA_4096", "SIGN_VERIFY", []).Choose("RSASSA_PSS_SHA_512", "-SigningAlgorithm"));

    [Fact]
    public void TakesTheKeysOnlyAlgorithmWhenNoneIsAskedFor() =>
        Assert.Equal("SM2DSA", new KeyFit("k", "SM2", "SIGN_VERIFY", ["SM2DSA"]).Choose(null, "-SigningAlgorithm"));

    [Fact]
    public void AsksForAChoiceAmongSeveralAlgorithms()
    {
        var fit = new KeyFit("alias/sign", "RSA_2048", "SIGN_VERIFY", ["RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_256"]);
        var required = Assert.Throws<KmsArgumentException>(() => fit.Choose(null, "-SigningAlgorithm"));
        Assert.Equal("SigningAlgorithmRequired", required.Problem);
        Assert.Equal("Key alias/sign (RSA_2048) offers RSASSA_PSS_SHA_256, RSASSA_PKCS1_V1_5_SHA_256: choose one with -SigningAlgorithm.", required.Message);
    }

    [Fact]
    public void AsksForAChoiceWhenTheKeysAlgorithmsAreNotKnown()
    {
        var required = Assert.Throws<KmsArgumentException>(() => new KeyFit("k", "RSA_2048", "SIGN_VERIFY", []).Choose(null, "-SigningAlgorithm"));
        Assert.Equal("SigningAlgorithmRequired", required.Problem);
        Assert.Equal("The key's algorithms are not known: choose one with -SigningAlgorithm.", required.Message);
    }

    [Theory]
    [InlineData("RSA_2048", "RSAES_OAEP_SHA_256 (or RSAES_OAEP_SHA_1)")]
    [InlineData("RSA_4096", "RSAES_OAEP_SHA_256 (or RSAES_OAEP_SHA_1)")]
    [InlineData("SM2", "SM2PKE")]
    [InlineData("SYMMETRIC_DEFAULT", null)]
    [InlineData("ECC_NIST_P256", null)]
    public void SaysWhatAnAsymmetricKeyNeedsForEncryptionAlgorithm(string keySpec, string? expected) =>
        Assert.Equal(expected, KeyFit.EncryptionAlgorithmFor(keySpec));
}
