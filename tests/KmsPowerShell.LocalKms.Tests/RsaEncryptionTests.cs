using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class RsaEncryptionTests : IClassFixture<AsymmetricKeysFixture>
{
    private readonly AsymmetricKeysFixture _keys;

    public RsaEncryptionTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private KeyMetadata RsaKey => _keys.Key("RSA_2048", "ENCRYPT_DECRYPT");

    private Task<EncryptResponse> EncryptAsync(string keyId, int length, string? algorithm, Dictionary<string, string>? context = null) =>
        Client.EncryptAsync(new EncryptRequest
        {
            KeyId = keyId, Plaintext = new MemoryStream(new byte[length]), EncryptionAlgorithm = algorithm, EncryptionContext = context,
        });

    [Fact]
    public async Task GenerateDataKey_RsaKey_AwsAsymmetricCmkText()
    {
        var withPlaintext = await KmsAssert.FailsWith("InvalidKeyUsageException",
            () => Client.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = RsaKey.KeyId, KeySpec = DataKeySpec.AES_256 }));
        Assert.Equal("You cannot generate a data key with an asymmetric CMK", withPlaintext.Message);
        var withoutPlaintext = await KmsAssert.FailsWith("InvalidKeyUsageException",
            () => Client.GenerateDataKeyWithoutPlaintextAsync(new GenerateDataKeyWithoutPlaintextRequest { KeyId = RsaKey.KeyId, NumberOfBytes = 16 }));
        Assert.Equal("You cannot generate a data key with an asymmetric CMK", withoutPlaintext.Message);
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_1", 214)]
    [InlineData("RSAES_OAEP_SHA_256", 190)]
    public async Task EncryptDecrypt_LargestPlaintextForTheAlgorithm_RoundTripsAsModulusSizedCiphertext(string algorithm, int max)
    {
        var plaintext = RandomNumberGenerator.GetBytes(max);
        var encrypted = await Client.EncryptAsync(new EncryptRequest { KeyId = RsaKey.KeyId, Plaintext = new MemoryStream(plaintext), EncryptionAlgorithm = algorithm });
        Assert.Equal(256, encrypted.CiphertextBlob.Length);
        Assert.Equal(algorithm, encrypted.EncryptionAlgorithm.Value);
        Assert.Equal(RsaKey.Arn, encrypted.KeyId);

        var decrypted = await Client.DecryptAsync(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, KeyId = RsaKey.KeyId, EncryptionAlgorithm = algorithm });
        Assert.Equal(plaintext, decrypted.Plaintext.ToArray());
        Assert.Equal(algorithm, decrypted.EncryptionAlgorithm.Value);

        var error = await KmsAssert.FailsWith("ValidationException", () => EncryptAsync(RsaKey.KeyId, max + 1, algorithm));
        Assert.Equal($"Algorithm {algorithm} and key spec RSA_2048 cannot encrypt data larger than {max} bytes.", error.Message);
    }

    [Fact]
    public async Task Decrypt_CiphertextMadeLocallyWithThePublicKey_Plaintext()
    {
        var publicKey = (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = RsaKey.KeyId })).PublicKey.ToArray();
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKey, out _);
        var ciphertext = rsa.Encrypt("made outside KMS"u8.ToArray(), RSAEncryptionPadding.OaepSHA256);

        var decrypted = await Client.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(ciphertext), KeyId = RsaKey.Arn, EncryptionAlgorithm = "RSAES_OAEP_SHA_256",
        });
        Assert.Equal("made outside KMS", LocalKmsHarness.Text(decrypted.Plaintext));
        await KmsAssert.FailsWith("InvalidCiphertextException", () => Client.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(ciphertext), KeyId = RsaKey.Arn, EncryptionAlgorithm = "RSAES_OAEP_SHA_1",
        }));
        await KmsAssert.FailsWith("InvalidCiphertextException", () => Client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext) }));
    }

    [Fact]
    public async Task Encrypt_RsaKeyWithoutAlgorithm_InvalidKeyUsageException()
    {
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => EncryptAsync(RsaKey.KeyId, 10, null));
        Assert.Equal("Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.", error.Message);
        await KmsAssert.FailsWith("InvalidKeyUsageException", () => EncryptAsync(_keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT").KeyId, 10, "RSAES_OAEP_SHA_1"));
    }

    [Fact]
    public async Task Encrypt_RsaKeyWithEncryptionContext_ValidationException()
    {
        await KmsAssert.FailsWith("ValidationException", () => EncryptAsync(RsaKey.KeyId, 10, "RSAES_OAEP_SHA_1", new() { ["a"] = "b" }));
    }

    [Fact]
    public async Task Encrypt_RsaSigningKey_InvalidKeyUsageException()
    {
        await KmsAssert.FailsWith("InvalidKeyUsageException", () => EncryptAsync(_keys.Key("RSA_2048").KeyId, 10, "RSAES_OAEP_SHA_1"));
    }

    [Fact]
    public async Task ReEncrypt_SymmetricToRsaAndBack_SamePlaintext()
    {
        var symmetric = _keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        var blob = (await Client.EncryptAsync(new EncryptRequest { KeyId = symmetric.KeyId, Plaintext = LocalKmsHarness.Bytes("moving") })).CiphertextBlob.ToArray();
        var materialId = (await Client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(blob) })).KeyMaterialId;

        var toRsa = await Client.ReEncryptAsync(new ReEncryptRequest
        {
            CiphertextBlob = new MemoryStream(blob), DestinationKeyId = RsaKey.KeyId, DestinationEncryptionAlgorithm = "RSAES_OAEP_SHA_256",
        });
        Assert.Equal("SYMMETRIC_DEFAULT", toRsa.SourceEncryptionAlgorithm.Value);
        Assert.Equal("RSAES_OAEP_SHA_256", toRsa.DestinationEncryptionAlgorithm.Value);
        Assert.Equal(256, toRsa.CiphertextBlob.Length);
        // Each side's key material id only for a symmetric key, as on AWS.
        Assert.Equal(materialId, toRsa.SourceKeyMaterialId);
        Assert.Null(toRsa.DestinationKeyMaterialId);

        var back = await Client.ReEncryptAsync(new ReEncryptRequest
        {
            CiphertextBlob = toRsa.CiphertextBlob, SourceKeyId = RsaKey.KeyId, SourceEncryptionAlgorithm = "RSAES_OAEP_SHA_256", DestinationKeyId = symmetric.KeyId,
        });
        Assert.Equal(RsaKey.Arn, back.SourceKeyId);
        Assert.Null(back.SourceKeyMaterialId);
        Assert.Equal(materialId, back.DestinationKeyMaterialId);
        var plaintext = await Client.DecryptAsync(new DecryptRequest { CiphertextBlob = back.CiphertextBlob });
        Assert.Equal("moving", LocalKmsHarness.Text(plaintext.Plaintext));
    }
}
