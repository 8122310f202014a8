using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class AsymmetricSigningTests : IClassFixture<AsymmetricKeysFixture>
{
    private static readonly byte[] Message = "a message to sign ✓"u8.ToArray();
    private readonly AsymmetricKeysFixture _keys;

    public AsymmetricSigningTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private async Task<byte[]> PublicKeyAsync(KeyMetadata key) =>
        (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId })).PublicKey.ToArray();

    [Theory]
    [InlineData("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256", "-sha256", false)]
    [InlineData("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_512", "-sha512", false)]
    [InlineData("RSA_2048", "RSASSA_PSS_SHA_256", "-sha256", true)]
    [InlineData("RSA_2048", "RSASSA_PSS_SHA_384", "-sha384", true)]
    [InlineData("ECC_NIST_P256", "ECDSA_SHA_256", "-sha256", false)]
    [InlineData("ECC_NIST_P384", "ECDSA_SHA_384", "-sha384", false)]
    [InlineData("ECC_NIST_P521", "ECDSA_SHA_512", "-sha512", false)]
    [InlineData("ECC_SECG_P256K1", "ECDSA_SHA_256", "-sha256", false)]
    public async Task Sign_Raw_OpenSslVerifiesWithThePublicKey(string spec, string algorithm, string digest, bool pss)
    {
        var key = _keys.Key(spec);
        using var openssl = new OpenSsl();
        var signature = openssl.Write("sig.bin", await _keys.SignAsync(key, algorithm, Message));
        var pem = openssl.WritePublicKeyPem("pub.pem", await PublicKeyAsync(key));
        var message = openssl.Write("msg.txt", Message);
        string[] pssOptions = pss ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"] : [];

        var (exitCode, output) = openssl.Run(["dgst", digest, "-verify", pem, .. pssOptions, "-signature", signature, message]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Verified OK", output);
    }

    [Fact]
    public async Task Sign_PssSignature_SaltIsAsLongAsTheDigest()
    {
        var key = _keys.Key("RSA_2048");
        using var openssl = new OpenSsl();
        var signature = openssl.Write("sig.bin", await _keys.SignAsync(key, "RSASSA_PSS_SHA_256", Message));
        var pem = openssl.WritePublicKeyPem("pub.pem", await PublicKeyAsync(key));
        var message = openssl.Write("msg.txt", Message);

        // A verifier that insists on another salt length refuses it: the salt is exactly 32 bytes.
        var wrongSalt = openssl.Run("dgst", "-sha256", "-verify", pem, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:20", "-signature", signature, message);
        Assert.NotEqual(0, wrongSalt.ExitCode);
        var exactSalt = openssl.Run("dgst", "-sha256", "-verify", pem, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-signature", signature, message);
        Assert.True(exactSalt.ExitCode == 0, exactSalt.Output);
    }

    [Theory]
    [InlineData("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_384")]
    [InlineData("RSA_2048", "RSASSA_PSS_SHA_512")]
    [InlineData("ECC_NIST_P384", "ECDSA_SHA_384")]
    [InlineData("ECC_NIST_P521", "ECDSA_SHA_512")]
    public async Task Sign_Digest_SignsTheDigestAsGivenSoRawVerifyAgrees(string spec, string algorithm)
    {
        var key = _keys.Key(spec);
        var hash = algorithm.EndsWith("384", StringComparison.Ordinal) ? SHA384.HashData(Message) : SHA512.HashData(Message);

        var signature = await _keys.SignAsync(key, algorithm, hash, "DIGEST");

        Assert.True((await _keys.VerifyAsync(key, algorithm, Message, signature)).SignatureValid);
        Assert.True((await _keys.VerifyAsync(key, algorithm, hash, signature, "DIGEST")).SignatureValid);
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, hash, signature, "RAW"));
    }

    [Fact]
    public async Task Sign_EcdsaSignature_IsDerAndVerifiesInDotNetWithThePublicKey()
    {
        var key = _keys.Key("ECC_NIST_P256");
        var signature = await _keys.SignAsync(key, "ECDSA_SHA_256", Message);
        Assert.Equal(0x30, signature[0]);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(await PublicKeyAsync(key), out _);
        Assert.True(ecdsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task Verify_SignatureMadeWithDotNetFromThePublicKeysOwner_Valid()
    {
        // KMS private keys never leave, so the other direction is checked through the public key: a signature that
        // .NET accepts with GetPublicKey's key is one KMS accepts, and a tampered one neither does.
        var key = _keys.Key("RSA_2048");
        var signature = await _keys.SignAsync(key, "RSASSA_PSS_SHA_256", Message);
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(await PublicKeyAsync(key), out _);
        Assert.True(rsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));

        signature[10] ^= 0x01;
        Assert.False(rsa.VerifyData(Message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, "RSASSA_PSS_SHA_256", Message, signature));
    }

    [Theory]
    [InlineData("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256")]
    [InlineData("ECC_SECG_P256K1", "ECDSA_SHA_256")]
    public async Task Verify_TamperedMessageOrSignature_KmsInvalidSignatureException(string spec, string algorithm)
    {
        var key = _keys.Key(spec);
        var signature = await _keys.SignAsync(key, algorithm, Message);
        var verified = await _keys.VerifyAsync(key, algorithm, Message, signature);
        Assert.True(verified.SignatureValid);
        Assert.Equal(key.Arn, verified.KeyId);

        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, [.. Message, 0], signature));
        signature[^1] ^= 0x80;
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, Message, signature));
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, Message, [1, 2, 3]));
    }

    [Theory]
    [InlineData("ECC_NIST_P256", "RSASSA_PSS_SHA_256")]
    [InlineData("ECC_NIST_P256", "ECDSA_SHA_384")]
    [InlineData("RSA_2048", "ECDSA_SHA_256")]
    [InlineData("RSA_2048", "SM2DSA")]
    public async Task Sign_AlgorithmOfAnotherKeySpec_InvalidKeyUsageException(string spec, string algorithm)
    {
        var key = _keys.Key(spec);
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => _keys.SignAsync(key, algorithm, Message));
        Assert.Equal($"Algorithm {algorithm} is incompatible with key spec {spec}.", error.Message);
    }

    [Fact]
    public async Task Sign_DigestOfTheWrongLength_ValidationException()
    {
        var key = _keys.Key("ECC_NIST_P256");
        var error = await KmsAssert.FailsWith("ValidationException", () => _keys.SignAsync(key, "ECDSA_SHA_256", SHA384.HashData(Message), "DIGEST"));
        Assert.Equal("Digest is invalid length for algorithm ECDSA_SHA_256.", error.Message);
    }

    [Fact]
    public async Task Sign_RawMessageOver4096Bytes_ValidationException()
    {
        var key = _keys.Key("ECC_NIST_P256");
        var error = await KmsAssert.FailsWith("ValidationException", () => _keys.SignAsync(key, "ECDSA_SHA_256", new byte[4097]));
        Assert.Equal("1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096", error.Message);
        await _keys.SignAsync(key, "ECDSA_SHA_256", new byte[4096]);
    }

    [Theory]
    [InlineData("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")]
    [InlineData("HMAC_256", "GENERATE_VERIFY_MAC")]
    [InlineData("RSA_2048", "ENCRYPT_DECRYPT")]
    public async Task Sign_KeyThatIsNotSignVerify_InvalidKeyUsageException(string spec, string usage)
    {
        var key = _keys.Key(spec, usage);
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => _keys.SignAsync(key, "RSASSA_PSS_SHA_256", Message));
        Assert.Equal($"{key.Arn} key usage is {usage} which is not valid for Sign.", error.Message);
    }

    [Fact]
    public async Task SignAndVerify_DisabledKey_DisabledException()
    {
        var key = await _keys.Kms.CreateKeyAsync(Client, new CreateKeyRequest { KeySpec = KeySpec.ECC_NIST_P256, KeyUsage = KeyUsageType.SIGN_VERIFY });
        var signature = await _keys.SignAsync(key, "ECDSA_SHA_256", Message);
        await Client.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId });
        await KmsAssert.FailsWith("DisabledException", () => _keys.SignAsync(key, "ECDSA_SHA_256", Message));
        await KmsAssert.FailsWith("DisabledException", () => _keys.VerifyAsync(key, "ECDSA_SHA_256", Message, signature));
        await KmsAssert.FailsWith("DisabledException", () => Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task Sign_PrincipalBWithGrantToken_AllowedOnlyForTheGrantedOperation()
    {
        var key = _keys.Key("ECC_NIST_P384");
        var grant = await Client.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = LocalKmsHarness.PrincipalB.PrincipalArn, Operations = ["Sign"],
        });
        var clientB = _keys.Kms.ClientB();
        var signed = await clientB.SignAsync(new SignRequest
        {
            KeyId = key.Arn, SigningAlgorithm = "ECDSA_SHA_384", Message = new MemoryStream(Message), GrantTokens = [grant.GrantToken],
        });
        Assert.Equal(key.Arn, signed.KeyId);
        await KmsAssert.FailsWith("AccessDeniedException", () => clientB.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.Arn, GrantTokens = [grant.GrantToken] }));
    }

    [Fact]
    public async Task Sign_DryRun_DryRunOperationException()
    {
        var key = _keys.Key("ECC_NIST_P256");
        await KmsAssert.FailsWith("DryRunOperationException", () => Client.SignAsync(new SignRequest
        {
            KeyId = key.KeyId, SigningAlgorithm = "ECDSA_SHA_256", Message = new MemoryStream(Message), DryRun = true,
        }));
    }
}
