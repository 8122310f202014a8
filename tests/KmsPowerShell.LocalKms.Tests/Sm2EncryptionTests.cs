using System.Formats.Asn1;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>SM2PKE under SM2 ENCRYPT_DECRYPT keys, with openssl 3.0 (whose SM2 ciphertext is GM/T 0009 ASN.1) as the judge.</summary>
public class Sm2EncryptionTests : IClassFixture<AsymmetricKeysFixture>
{
    private readonly AsymmetricKeysFixture _keys;

    public Sm2EncryptionTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private KeyMetadata Sm2Key => _keys.Key("SM2", "ENCRYPT_DECRYPT");

    private Task<EncryptResponse> EncryptAsync(byte[] plaintext, string? algorithm = "SM2PKE") =>
        Client.EncryptAsync(new EncryptRequest { KeyId = Sm2Key.KeyId, Plaintext = new MemoryStream(plaintext), EncryptionAlgorithm = algorithm });

    private Task<DecryptResponse> DecryptAsync(byte[] ciphertext) =>
        Client.DecryptAsync(new DecryptRequest { KeyId = Sm2Key.KeyId, CiphertextBlob = new MemoryStream(ciphertext), EncryptionAlgorithm = "SM2PKE" });

    [Fact]
    public async Task EncryptDecrypt_LargestPlaintext_RoundTripsAsAsn1C1C3C2()
    {
        var plaintext = RandomNumberGenerator.GetBytes(1024);

        var encrypted = await EncryptAsync(plaintext);

        Assert.Equal("SM2PKE", encrypted.EncryptionAlgorithm.Value);
        var ciphertext = encrypted.CiphertextBlob.ToArray();
        var sequence = new AsnReader(ciphertext, AsnEncodingRules.DER).ReadSequence();
        sequence.ReadInteger();
        sequence.ReadInteger();
        Assert.Equal(32, sequence.ReadOctetString().Length);
        Assert.Equal(1024, sequence.ReadOctetString().Length);
        Assert.Equal(plaintext, (await DecryptAsync(ciphertext)).Plaintext.ToArray());

        var error = await KmsAssert.FailsWith("ValidationException", () => EncryptAsync(new byte[1025]));
        Assert.Equal("Algorithm SM2PKE and key spec SM2 cannot encrypt data larger than 1024 bytes.", error.Message);
    }

    [Fact]
    public async Task Decrypt_CiphertextOpenSslMadeWithThePublicKey_Plaintext()
    {
        using var openssl = new OpenSsl();
        var pem = openssl.WritePublicKeyPem("pub.pem", (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = Sm2Key.KeyId })).PublicKey.ToArray());
        var plaintext = openssl.Write("plain.txt", "made outside KMS"u8.ToArray());

        var (exitCode, output) = openssl.Run("pkeyutl", "-encrypt", "-pubin", "-inkey", pem, "-in", plaintext, "-out", "cipher.bin");

        Assert.True(exitCode == 0, output);
        var ciphertext = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(pem)!, "cipher.bin"));
        Assert.Equal("made outside KMS"u8.ToArray(), (await DecryptAsync(ciphertext)).Plaintext.ToArray());
    }

    [Fact]
    public async Task Decrypt_TamperedOrMalformedCiphertext_InvalidCiphertextException()
    {
        var ciphertext = (await EncryptAsync("secret"u8.ToArray())).CiphertextBlob.ToArray();
        ciphertext[^1] ^= 0x01;
        await KmsAssert.FailsWith("InvalidCiphertextException", () => DecryptAsync(ciphertext));
        await KmsAssert.FailsWith("InvalidCiphertextException", () => DecryptAsync([0x30, 0x03, 0x02, 0x01, 0x01]));
    }

    [Fact]
    public async Task ReEncrypt_FromSm2ToSymmetricAndBack_KeepsThePlaintext()
    {
        var symmetric = _keys.Key("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT");
        var sm2Ciphertext = (await EncryptAsync("moved"u8.ToArray())).CiphertextBlob;

        var toSymmetric = await Client.ReEncryptAsync(new ReEncryptRequest
        {
            CiphertextBlob = sm2Ciphertext, SourceKeyId = Sm2Key.KeyId, SourceEncryptionAlgorithm = "SM2PKE", DestinationKeyId = symmetric.KeyId,
        });
        var back = await Client.ReEncryptAsync(new ReEncryptRequest
        {
            CiphertextBlob = toSymmetric.CiphertextBlob, DestinationKeyId = Sm2Key.KeyId, DestinationEncryptionAlgorithm = "SM2PKE",
        });

        Assert.Equal("SM2PKE", back.DestinationEncryptionAlgorithm.Value);
        Assert.Equal("moved"u8.ToArray(), (await DecryptAsync(back.CiphertextBlob.ToArray())).Plaintext.ToArray());
    }

    [Theory]
    [InlineData("RSAES_OAEP_SHA_256")]
    [InlineData("SYMMETRIC_DEFAULT")]
    public async Task Encrypt_AlgorithmOfAnotherSpec_InvalidKeyUsageException(string algorithm)
    {
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => EncryptAsync([1], algorithm));
        Assert.Equal($"Algorithm {algorithm} is incompatible with key spec SM2.", error.Message);
    }
}
