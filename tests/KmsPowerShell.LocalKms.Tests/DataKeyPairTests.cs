using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class DataKeyPairTests : IClassFixture<AsymmetricKeysFixture>
{
    private static readonly Dictionary<string, string> Context = new() { ["purpose"] = "pair" };
    private readonly AsymmetricKeysFixture _keys;

    public DataKeyPairTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private KeyMetadata Symmetric => _keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");

    [Theory]
    [InlineData("RSA_2048")]
    [InlineData("ECC_NIST_P256")]
    [InlineData("ECC_NIST_P384")]
    [InlineData("ECC_NIST_P521")]
    [InlineData("ECC_SECG_P256K1")]
    public async Task GenerateDataKeyPair_EachSpec_Pkcs8PrivateKeyThatMatchesTheSpkiPublicKeyAndDecrypts(string spec)
    {
        var pair = await Client.GenerateDataKeyPairAsync(new GenerateDataKeyPairRequest { KeyId = Symmetric.KeyId, KeyPairSpec = spec, EncryptionContext = Context });
        Assert.Equal(Symmetric.Arn, pair.KeyId);
        Assert.Equal(spec, pair.KeyPairSpec.Value);
        var privateKey = pair.PrivateKeyPlaintext.ToArray();

        using AsymmetricAlgorithm key = spec.StartsWith("RSA", StringComparison.Ordinal) ? RSA.Create() : ECDsa.Create();
        key.ImportPkcs8PrivateKey(privateKey, out var read);
        Assert.Equal(privateKey.Length, read);
        Assert.Equal(pair.PublicKey.ToArray(), key.ExportSubjectPublicKeyInfo());

        var decrypted = await Client.DecryptAsync(new DecryptRequest { CiphertextBlob = pair.PrivateKeyCiphertextBlob, EncryptionContext = Context });
        Assert.Equal(privateKey, decrypted.Plaintext.ToArray());
    }

    [Fact]
    public async Task GenerateDataKeyPairWithoutPlaintext_EncryptedPrivateKeyForThePublicKey()
    {
        var pair = await Client.GenerateDataKeyPairWithoutPlaintextAsync(new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = Symmetric.KeyId, KeyPairSpec = "ECC_NIST_P256" });
        var privateKey = (await Client.DecryptAsync(new DecryptRequest { CiphertextBlob = pair.PrivateKeyCiphertextBlob })).Plaintext.ToArray();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(privateKey, out _);
        Assert.Equal(pair.PublicKey.ToArray(), ecdsa.ExportSubjectPublicKeyInfo());
        Assert.Equal("ECC_NIST_P256", pair.KeyPairSpec.Value);
    }

    [Fact]
    public async Task GenerateDataKeyPair_AsymmetricKmsKey_InvalidKeyUsageException()
    {
        await KmsAssert.FailsWith("InvalidKeyUsageException",
            () => Client.GenerateDataKeyPairAsync(new GenerateDataKeyPairRequest { KeyId = _keys.Key("RSA_2048", "ENCRYPT_DECRYPT").KeyId, KeyPairSpec = "ECC_NIST_P256" }));
    }

    [Fact]
    public async Task GenerateDataKeyPair_Sm2_Pkcs8OnTheSm2CurveWhosePublicKeyOpenSslDerives()
    {
        var pair = await Client.GenerateDataKeyPairAsync(new GenerateDataKeyPairRequest { KeyId = Symmetric.KeyId, KeyPairSpec = "SM2" });
        using var openssl = new OpenSsl();
        var privateKey = openssl.Write("private.der", pair.PrivateKeyPlaintext.ToArray());

        var (exitCode, output) = openssl.Run("pkey", "-inform", "DER", "-in", privateKey, "-pubout", "-outform", "DER", "-out", "public.der");

        Assert.True(exitCode == 0, output);
        Assert.Equal(pair.PublicKey.ToArray(), File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(privateKey)!, "public.der")));
        Assert.Contains("SM2", openssl.Run("pkey", "-inform", "DER", "-in", privateKey, "-noout", "-text").Output, StringComparison.Ordinal);
    }
}
