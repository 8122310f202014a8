using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.KeyMaterial;
using Org.BouncyCastle.Asn1.X509;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>ML-KEM keys: the primitive's round trip and implicit rejection, and Encapsulate/Decapsulate as AWS answers them.</summary>
public class MlKemTests : IClassFixture<AsymmetricKeysFixture>
{
    private readonly AsymmetricKeysFixture _keys;

    public MlKemTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    [Theory]
    [InlineData("ML_KEM_512", 768)]
    [InlineData("ML_KEM_768", 1088)]
    [InlineData("ML_KEM_1024", 1568)]
    public void Encapsulate_FixedMessage_IsDeterministicAndDecapsulates_AlteredCiphertextRejectedImplicitly(string spec, int ciphertextBytes)
    {
        var key = MlKemKey.FromSeed(spec, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
        var (secret, ciphertext) = key.Encapsulate(new FixedRandom(new byte[32]));
        Assert.Equal((32, ciphertextBytes), (secret.Length, ciphertext.Length));
        Assert.Equal(ciphertext, key.Encapsulate(new FixedRandom(new byte[32])).Ciphertext);
        Assert.Equal(secret, key.Decapsulate(ciphertext));
        ciphertext[0] ^= 1;
        var rejected = key.Decapsulate(ciphertext);
        Assert.Equal(32, rejected.Length);
        Assert.NotEqual(secret, rejected);
        Assert.Throws<CryptographicException>(() => key.Decapsulate(ciphertext[..^1]));
    }

    [Theory]
    [InlineData("ML_KEM_512", "2.16.840.1.101.3.4.4.1", 768)]
    [InlineData("ML_KEM_768", "2.16.840.1.101.3.4.4.2", 1088)]
    [InlineData("ML_KEM_1024", "2.16.840.1.101.3.4.4.3", 1568)]
    public async Task EncapsulateDecapsulate_EachSpec_SameSecretAndFips203PublicKey(string spec, string oid, int ciphertextBytes)
    {
        var key = _keys.Key(spec, "ENCAPSULATE_DECAPSULATE");
        Assert.Equal(["ML_KEM"], key.EncapsulationAlgorithms);

        var publicKey = await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId });
        Assert.Equal(oid, SubjectPublicKeyInfo.GetInstance(publicKey.PublicKey.ToArray()).Algorithm.Algorithm.Id);
        Assert.Equal(["ML_KEM"], publicKey.EncapsulationAlgorithms);
        Assert.Equal("ENCAPSULATE_DECAPSULATE", publicKey.KeyUsage.Value);

        var encapsulated = await Client.EncapsulateAsync(new EncapsulateRequest { KeyId = key.KeyId, EncapsulationAlgorithm = "ML_KEM" });
        Assert.Equal(key.Arn, encapsulated.KeyId);
        Assert.Equal("ML_KEM", encapsulated.EncapsulationAlgorithm.Value);
        Assert.Equal(32, encapsulated.SharedSecret.Length);
        Assert.Equal(ciphertextBytes, encapsulated.SharedSecretCiphertextBlob.Length);

        var decapsulated = await DecapsulateAsync(key, encapsulated.SharedSecretCiphertextBlob.ToArray());
        Assert.Equal(key.Arn, decapsulated.KeyId);
        Assert.Equal("ML_KEM", decapsulated.EncapsulationAlgorithm.Value);
        Assert.Equal(encapsulated.SharedSecret.ToArray(), decapsulated.SharedSecret.ToArray());
    }

    [Fact]
    public async Task Decapsulate_AlteredCiphertext_PseudoRandomSecret_WrongLength_InvalidCiphertextException()
    {
        var key = _keys.Key("ML_KEM_768", "ENCAPSULATE_DECAPSULATE");
        var encapsulated = await Client.EncapsulateAsync(new EncapsulateRequest { KeyId = key.KeyId, EncapsulationAlgorithm = "ML_KEM" });
        var ciphertext = encapsulated.SharedSecretCiphertextBlob.ToArray();
        ciphertext[10] ^= 0x40;
        var altered = await DecapsulateAsync(key, ciphertext);
        Assert.Equal(32, altered.SharedSecret.Length);
        Assert.NotEqual(encapsulated.SharedSecret.ToArray(), altered.SharedSecret.ToArray());

        await KmsAssert.FailsWith("InvalidCiphertextException", () => DecapsulateAsync(key, ciphertext[..^1]));
        // A ciphertext of another parameter set has another length.
        var other = await Client.EncapsulateAsync(new EncapsulateRequest { KeyId = _keys.Key("ML_KEM_512", "ENCAPSULATE_DECAPSULATE").KeyId, EncapsulationAlgorithm = "ML_KEM" });
        await KmsAssert.FailsWith("InvalidCiphertextException", () => DecapsulateAsync(key, other.SharedSecretCiphertextBlob.ToArray()));
    }

    [Fact]
    public async Task EncapsulateAndDecapsulate_KeyOfAnotherUsage_InvalidKeyUsageExceptionInAwsWords()
    {
        var key = _keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException",
            () => Client.EncapsulateAsync(new EncapsulateRequest { KeyId = key.KeyId, EncapsulationAlgorithm = "ML_KEM" }));
        Assert.Equal($"{key.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Encapsulate.", error.Message);
        error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => DecapsulateAsync(key, new byte[768]));
        Assert.Equal($"{key.Arn} key usage is ENCRYPT_DECRYPT which is not valid for Decapsulate.", error.Message);
    }

    [Fact]
    public async Task Encapsulate_MissingOrUnknownAlgorithm_ValidationException_DryRun_DryRunOperationException()
    {
        var key = _keys.Key("ML_KEM_512", "ENCAPSULATE_DECAPSULATE");
        await KmsAssert.FailsWith("ValidationException", () => Client.EncapsulateAsync(new EncapsulateRequest { KeyId = key.KeyId }));
        var error = await KmsAssert.FailsWith("ValidationException",
            () => Client.EncapsulateAsync(new EncapsulateRequest { KeyId = key.KeyId, EncapsulationAlgorithm = "ECDH" }));
        Assert.Contains("Member must satisfy enum value set: [ML_KEM]", error.Message);
        await KmsAssert.FailsWith("DryRunOperationException",
            () => Client.EncapsulateAsync(new EncapsulateRequest { KeyId = key.KeyId, EncapsulationAlgorithm = "ML_KEM", DryRun = true }));
    }

    [Fact]
    public async Task CreateGrant_MlKemKey_AllowsEncapsulateAndDecapsulate_RefusesDecrypt()
    {
        var key = _keys.Key("ML_KEM_512", "ENCAPSULATE_DECAPSULATE");
        var grant = await Client.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.Arn, GranteePrincipal = "arn:aws:iam::111122223333:root", Operations = ["Encapsulate", "Decapsulate", "GetPublicKey"],
        });
        Assert.False(string.IsNullOrEmpty(grant.GrantId));
        var error = await KmsAssert.FailsWith("ValidationException", () => Client.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.Arn, GranteePrincipal = "arn:aws:iam::111122223333:root", Operations = ["Decrypt"],
        }));
        Assert.Contains("Decrypt", error.Message);
    }

    private Task<DecapsulateResponse> DecapsulateAsync(KeyMetadata key, byte[] ciphertext) =>
        Client.DecapsulateAsync(new DecapsulateRequest
        {
            KeyId = key.KeyId, EncapsulationAlgorithm = "ML_KEM", SharedSecretCiphertextBlob = new MemoryStream(ciphertext),
        });
}
