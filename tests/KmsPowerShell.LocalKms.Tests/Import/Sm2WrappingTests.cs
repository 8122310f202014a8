using System.Formats.Asn1;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Tests.Import;

/// <summary>
/// SM2PKE import wrapping with the SM2 wrapping key spec, which AWS offers in the China Regions only; openssl 3.0
/// (whose SM2 encryption writes GM/T 0009 ASN.1, as KMS reads it) wraps the material, so the peer is independent.
/// </summary>
public sealed class Sm2WrappingTests
{
    private const string Sm2CurveOid = "1.2.156.10197.1.301";

    [Theory]
    [InlineData("cn-north-1")]
    [InlineData("cn-northwest-1")]
    public async Task ImportKeyMaterial_Sm2KeyWrappedByOpenSslWithSm2Pke_EncryptsAndDecryptsWithTheImportedKey(string region)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client(region);
        var key = await ImportSteps.CreateExternalKeyAsync(client, "SM2", "ENCRYPT_DECRYPT");
        var pkcs8 = BcKeyPairs.NewPkcs8(KmsKeySpec.Find("SM2")!);
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId, "SM2PKE", "SM2");
        Assert.Equal(Sm2CurveOid, CurveOf(parameters.PublicKey.ToArray()));

        await client.ImportKeyMaterialAsync(Request(key.KeyId, parameters, OpenSslWrap(parameters.PublicKey.ToArray(), pkcs8)));

        Assert.Equal(KeyState.Enabled, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
        using var material = BcAsymmetricKey.Load(new StoredKeyMaterial { Secret = pkcs8 });
        Assert.Equal(material.PublicKey(), (await client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId })).PublicKey.ToArray());
        var ciphertext = (await client.EncryptAsync(new EncryptRequest
        {
            KeyId = key.KeyId, Plaintext = new MemoryStream([5, 6, 7]), EncryptionAlgorithm = EncryptionAlgorithmSpec.SM2PKE,
        })).CiphertextBlob;
        var plain = await client.DecryptAsync(new DecryptRequest { KeyId = key.KeyId, CiphertextBlob = ciphertext, EncryptionAlgorithm = EncryptionAlgorithmSpec.SM2PKE });
        Assert.Equal(new byte[] { 5, 6, 7 }, plain.Plaintext.ToArray());
    }

    [Fact]
    public async Task ImportKeyMaterial_RsaPrivateKeyWrappedWithSm2Pke_SignsWithIt()
    {
        // In the China Regions SM2PKE is how RSA private keys are wrapped; their PKCS#8 is longer than SM2PKE's 1024-byte Encrypt limit.
        using var kms = new LocalKmsHarness();
        var client = kms.Client("cn-north-1");
        var key = await ImportSteps.CreateExternalKeyAsync(client, "RSA_2048", "SIGN_VERIFY");
        using var rsa = RSA.Create(2048);
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId, "SM2PKE", "SM2");

        await client.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Sm2Pke.Encrypt(parameters.PublicKey.ToArray(), rsa.ExportPkcs8PrivateKey())));

        var signature = (await client.SignAsync(new SignRequest
        {
            KeyId = key.KeyId, Message = new MemoryStream([1]), SigningAlgorithm = SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256,
        })).Signature.ToArray();
        Assert.True(rsa.VerifyData(new byte[] { 1 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("us-east-1", "SM2", "SIGN_VERIFY", "SM2PKE", "SM2", "available only in the AWS China Regions")]
    [InlineData("us-gov-west-1", "ECC_NIST_P256", "SIGN_VERIFY", "SM2PKE", "SM2", "available only in the AWS China Regions")]
    [InlineData("eu-west-1", "ECC_NIST_P256", "SIGN_VERIFY", "RSAES_OAEP_SHA_256", "SM2", "available only in the AWS China Regions")]
    [InlineData("cn-north-1", "ECC_NIST_P256", "SIGN_VERIFY", "SM2PKE", "RSA_2048", "SM2PKE wraps with the SM2 wrapping key spec")]
    [InlineData("cn-north-1", "ECC_NIST_P256", "SIGN_VERIFY", "RSAES_OAEP_SHA_256", "SM2", "SM2PKE wraps with the SM2 wrapping key spec")]
    [InlineData("cn-north-1", "SYMMETRIC_DEFAULT", null, "SM2PKE", "SM2", "cannot wrap key material for a SYMMETRIC_DEFAULT key")]
    [InlineData("cn-northwest-1", "HMAC_256", "GENERATE_VERIFY_MAC", "SM2PKE", "SM2", "cannot wrap key material for a HMAC_256 key")]
    [InlineData("cn-north-1", "RSA_2048", "SIGN_VERIFY", "RSA_AES_KEY_WRAP_SHA_256", "RSA_4096", "not supported in the AWS China Regions")]
    [InlineData("cn-northwest-1", "ECC_NIST_P384", "SIGN_VERIFY", "RSA_AES_KEY_WRAP_SHA_1", "RSA_2048", "not supported in the AWS China Regions")]
    public async Task GetParametersForImport_CombinationAwsRefusesInThatRegion_ValidationException(string region, string spec, string? usage, string algorithm,
        string wrappingKeySpec, string reason)
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client(region);
        var key = await ImportSteps.CreateExternalKeyAsync(client, spec, usage);
        var error = await KmsAssert.FailsWith("ValidationException", () => ImportSteps.ParametersAsync(client, key.KeyId, algorithm, wrappingKeySpec));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task ImportKeyMaterial_NotWrappedWithTheTokensSm2Key_InvalidCiphertextException()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client("cn-north-1");
        var key = await ImportSteps.CreateExternalKeyAsync(client, "ECC_NIST_P256", "SIGN_VERIFY");
        var parameters = await ImportSteps.ParametersAsync(client, key.KeyId, "SM2PKE", "SM2");
        using var other = BcAsymmetricKey.Load(new StoredKeyMaterial { Secret = BcKeyPairs.NewPkcs8(KmsKeySpec.Find("SM2")!) });
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await KmsAssert.FailsWith("InvalidCiphertextException",
            () => client.ImportKeyMaterialAsync(Request(key.KeyId, parameters, Sm2Pke.Encrypt(other.PublicKey(), ecdsa.ExportPkcs8PrivateKey()))));
        Assert.Equal(KeyState.PendingImport, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.KeyState);
    }

    private static ImportKeyMaterialRequest Request(string keyId, GetParametersForImportResponse parameters, byte[] wrapped) => new()
    {
        KeyId = keyId,
        ImportToken = parameters.ImportToken,
        EncryptedKeyMaterial = new MemoryStream(wrapped),
        ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
    };

    private static byte[] OpenSslWrap(byte[] publicKey, byte[] material)
    {
        using var openssl = new OpenSsl();
        var pem = openssl.WritePublicKeyPem("wrapping.pem", publicKey);
        var plain = openssl.Write("material.bin", material);
        var wrapped = openssl.Write("wrapped.bin", []);
        var (exitCode, output) = openssl.Run("pkeyutl", "-encrypt", "-pubin", "-inkey", pem, "-in", plain, "-out", wrapped);
        Assert.True(exitCode == 0, output);
        return File.ReadAllBytes(wrapped);
    }

    /// <summary>The named curve of an EC SubjectPublicKeyInfo (id-ecPublicKey with its curve OID as parameters).</summary>
    private static string CurveOf(byte[] subjectPublicKeyInfo)
    {
        var algorithm = new AsnReader(subjectPublicKeyInfo, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        Assert.Equal("1.2.840.10045.2.1", algorithm.ReadObjectIdentifier());
        return algorithm.ReadObjectIdentifier();
    }
}
