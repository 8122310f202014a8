using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class PublicKeyTests : IClassFixture<AsymmetricKeysFixture>
{
    private readonly AsymmetricKeysFixture _keys;

    public PublicKeyTests(AsymmetricKeysFixture keys) => _keys = keys;

    [Fact]
    public async Task GetPublicKey_RsaSigningKey_SpkiDerWithSpecUsageAndAlgorithms()
    {
        var key = _keys.Key("RSA_2048");
        var response = await _keys.Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId });

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(response.PublicKey.ToArray(), out var read);
        Assert.Equal(response.PublicKey.Length, read);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(key.Arn, response.KeyId);
        Assert.Equal(KeySpec.RSA_2048, response.KeySpec);
        Assert.Equal(KeyUsageType.SIGN_VERIFY, response.KeyUsage);
        Assert.Equal(key.SigningAlgorithms, response.SigningAlgorithms);
        Assert.Empty(response.EncryptionAlgorithms ?? []);
    }

    [Fact]
    public async Task GetPublicKey_RsaEncryptionKeyByAlias_OaepAlgorithms()
    {
        var key = _keys.Key("RSA_2048", "ENCRYPT_DECRYPT");
        var alias = $"alias/pub-{Guid.NewGuid():N}";
        await _keys.Client.CreateAliasAsync(new CreateAliasRequest { AliasName = alias, TargetKeyId = key.KeyId });
        var response = await _keys.Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = alias });
        Assert.Equal(key.Arn, response.KeyId);
        Assert.Equal(["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"], response.EncryptionAlgorithms);
        Assert.Empty(response.SigningAlgorithms ?? []);
    }

    [Theory]
    [InlineData("ECC_NIST_P256", "1.2.840.10045.3.1.7")]
    [InlineData("ECC_NIST_P521", "1.3.132.0.35")]
    [InlineData("ECC_SECG_P256K1", "1.3.132.0.10")]
    public async Task GetPublicKey_EccKey_NamedCurveSpki(string spec, string curveOid)
    {
        var response = await _keys.Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = _keys.Key(spec).KeyId });
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(response.PublicKey.ToArray(), out _);
        Assert.Equal(curveOid, ecdsa.ExportParameters(false).Curve.Oid.Value);
    }

    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")]
    [InlineData("HMAC_384", "GENERATE_VERIFY_MAC")]
    public async Task GetPublicKey_KeyWithoutPublicKey_UnsupportedOperationException(string spec, string usage)
    {
        var key = _keys.Key(spec, usage);
        await KmsAssert.FailsWith("UnsupportedOperationException", () => _keys.Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId }));
    }
}
