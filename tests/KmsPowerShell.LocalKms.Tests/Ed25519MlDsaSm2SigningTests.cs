using System.Formats.Asn1;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Org.BouncyCastle.Crypto.Digests;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>Ed25519, ML-DSA and SM2 keys in the local KMS through the SDK client, with openssl as the judge where 3.0 can be.</summary>
public class Ed25519MlDsaSm2SigningTests : IClassFixture<AsymmetricKeysFixture>
{
    private static readonly byte[] Message = "a message to sign ✓"u8.ToArray();
    private readonly AsymmetricKeysFixture _keys;

    public Ed25519MlDsaSm2SigningTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private async Task<GetPublicKeyResponse> PublicKeyAsync(KeyMetadata key) =>
        await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId });

    [Theory]
    [InlineData("ML_DSA_44", "ML_DSA_SHAKE_256", 2420)]
    [InlineData("ML_DSA_65", "ML_DSA_SHAKE_256", 3309)]
    [InlineData("ML_DSA_87", "ML_DSA_SHAKE_256", 4627)]
    [InlineData("ECC_NIST_EDWARDS25519", "ED25519_SHA_512", 64)]
    [InlineData("SM2", "SM2DSA", 0)]
    public async Task SignRaw_VerifiesAndATamperedSignatureDoesNot(string spec, string algorithm, int signatureBytes)
    {
        var key = _keys.Key(spec);
        var signature = await _keys.SignAsync(key, algorithm, Message);
        if (signatureBytes > 0) Assert.Equal(signatureBytes, signature.Length);

        Assert.True((await _keys.VerifyAsync(key, algorithm, Message, signature)).SignatureValid);
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, [.. Message, 0], signature));
        signature[^2] ^= 0x01;
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, Message, signature));
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, algorithm, Message, [1, 2, 3]));
    }

    [Theory]
    [InlineData("ML_DSA_44", "2.16.840.1.101.3.4.3.17", null, "ML_DSA_SHAKE_256")]
    [InlineData("ML_DSA_65", "2.16.840.1.101.3.4.3.18", null, "ML_DSA_SHAKE_256")]
    [InlineData("ML_DSA_87", "2.16.840.1.101.3.4.3.19", null, "ML_DSA_SHAKE_256")]
    [InlineData("ECC_NIST_EDWARDS25519", "1.3.101.112", null, "ED25519_SHA_512,ED25519_PH_SHA_512")]
    [InlineData("SM2", "1.2.840.10045.2.1", "1.2.156.10197.1.301", "SM2DSA")]
    public async Task GetPublicKey_SubjectPublicKeyInfoWithTheSpecsOid(string spec, string oid, string? curve, string algorithms)
    {
        var response = await PublicKeyAsync(_keys.Key(spec));

        var info = new AsnReader(response.PublicKey.ToArray(), AsnEncodingRules.DER).ReadSequence();
        var algorithm = info.ReadSequence();
        Assert.Equal(oid, algorithm.ReadObjectIdentifier());
        if (curve is null) Assert.False(algorithm.HasData, "ML-DSA and Ed25519 identifiers have no parameters");
        else Assert.Equal(curve, algorithm.ReadObjectIdentifier());
        Assert.Equal(spec, response.KeySpec.Value);
        Assert.Equal(algorithms.Split(','), response.SigningAlgorithms.Select(name => name.ToString()));
        Assert.Null(response.EncryptionAlgorithms is { Count: > 0 } ? response.EncryptionAlgorithms : null);
    }

    [Fact]
    public async Task Ed25519_OpenSslVerifiesTheRawSignature()
    {
        var key = _keys.Key("ECC_NIST_EDWARDS25519");
        using var openssl = new OpenSsl();
        var signature = openssl.Write("sig.bin", await _keys.SignAsync(key, "ED25519_SHA_512", Message));
        var pem = openssl.WritePublicKeyPem("pub.pem", (await PublicKeyAsync(key)).PublicKey.ToArray());
        var message = openssl.Write("msg.txt", Message);

        var (exitCode, output) = openssl.Run("pkeyutl", "-verify", "-pubin", "-inkey", pem, "-rawin", "-in", message, "-sigfile", signature);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Signature Verified Successfully", output);
    }

    [Fact]
    public async Task Ed25519ph_SignsTheSha512Digest_AndIsNotPureEd25519()
    {
        var key = _keys.Key("ECC_NIST_EDWARDS25519");
        var digest = SHA512.HashData(Message);

        var signature = await _keys.SignAsync(key, "ED25519_PH_SHA_512", digest, "DIGEST");

        Assert.Equal(64, signature.Length);
        Assert.True((await _keys.VerifyAsync(key, "ED25519_PH_SHA_512", digest, signature, "DIGEST")).SignatureValid);
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, "ED25519_SHA_512", Message, signature));
    }

    [Fact]
    public async Task Sm2_OpenSslVerifiesWithSm3AndTheDefaultDistinguishingId()
    {
        var key = _keys.Key("SM2");
        using var openssl = new OpenSsl();
        var signature = openssl.Write("sig.bin", await _keys.SignAsync(key, "SM2DSA", Message));
        var pem = openssl.WritePublicKeyPem("pub.pem", (await PublicKeyAsync(key)).PublicKey.ToArray());
        var message = openssl.Write("msg.txt", Message);

        var (exitCode, output) = openssl.Run("pkeyutl", "-verify", "-pubin", "-inkey", pem, "-rawin", "-digest", "sm3",
            "-pkeyopt", "distid:1234567812345678", "-in", message, "-sigfile", signature);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Signature Verified Successfully", output);
    }

    [Fact]
    public async Task Sm2_DigestIsTheSm3OfZAndTheMessage_SoRawAndDigestAgree()
    {
        var key = _keys.Key("SM2");
        var e = Sm2Digest((await PublicKeyAsync(key)).PublicKey.ToArray(), Message);

        var signature = await _keys.SignAsync(key, "SM2DSA", e, "DIGEST");

        Assert.True((await _keys.VerifyAsync(key, "SM2DSA", Message, signature)).SignatureValid);
        Assert.True((await _keys.VerifyAsync(key, "SM2DSA", e, await _keys.SignAsync(key, "SM2DSA", Message), "DIGEST")).SignatureValid);
    }

    [Theory]
    [InlineData("ML_DSA_44")]
    [InlineData("ML_DSA_87")]
    public async Task MlDsa_ExternalMuIsPureMlDsa_SignedEitherWayVerifiesTheOther(string spec)
    {
        var key = _keys.Key(spec);
        var mu = Mu((await PublicKeyAsync(key)).PublicKey.ToArray(), Message);

        var fromMu = await _keys.SignAsync(key, "ML_DSA_SHAKE_256", mu, "EXTERNAL_MU");

        Assert.True((await _keys.VerifyAsync(key, "ML_DSA_SHAKE_256", Message, fromMu)).SignatureValid);
        Assert.True((await _keys.VerifyAsync(key, "ML_DSA_SHAKE_256", mu, await _keys.SignAsync(key, "ML_DSA_SHAKE_256", Message), "EXTERNAL_MU")).SignatureValid);
        mu[0] ^= 1;
        await KmsAssert.FailsWith("KMSInvalidSignatureException", () => _keys.VerifyAsync(key, "ML_DSA_SHAKE_256", mu, fromMu, "EXTERNAL_MU"));
    }

    [Theory]
    [InlineData("ECC_NIST_EDWARDS25519", "ED25519_SHA_512", "DIGEST", 64, "Message type DIGEST is incompatible with signing algorithm ED25519_SHA_512.")]
    [InlineData("ECC_NIST_EDWARDS25519", "ED25519_PH_SHA_512", "RAW", 10, "Message type RAW is incompatible with signing algorithm ED25519_PH_SHA_512.")]
    [InlineData("ECC_NIST_EDWARDS25519", "ED25519_PH_SHA_512", "DIGEST", 32, "Digest is invalid length for algorithm ED25519_PH_SHA_512.")]
    [InlineData("ECC_NIST_EDWARDS25519", "ED25519_SHA_512", "EXTERNAL_MU", 64, "Message type EXTERNAL_MU is incompatible with key spec ECC_NIST_EDWARDS25519.")]
    [InlineData("ML_DSA_44", "ML_DSA_SHAKE_256", "DIGEST", 32, "Message type DIGEST is incompatible with signing algorithm ML_DSA_SHAKE_256.")]
    [InlineData("ML_DSA_44", "ML_DSA_SHAKE_256", "EXTERNAL_MU", 63, "External mu is invalid length for algorithm ML_DSA_SHAKE_256: it must be 64 bytes.")]
    [InlineData("SM2", "SM2DSA", "DIGEST", 48, "Digest is invalid length for algorithm SM2DSA.")]
    [InlineData("SM2", "SM2DSA", "EXTERNAL_MU", 64, "Message type EXTERNAL_MU is incompatible with key spec SM2.")]
    public async Task Sign_MessageTypeTheAlgorithmDoesNotTake_ValidationException(string spec, string algorithm, string messageType, int length, string text)
    {
        var error = await KmsAssert.FailsWith("ValidationException", () => _keys.SignAsync(_keys.Key(spec), algorithm, new byte[length], messageType));
        Assert.Equal(text, error.Message);
    }

    [Theory]
    [InlineData("ML_DSA_65", "ECDSA_SHA_256")]
    [InlineData("ML_DSA_65", "ED25519_SHA_512")]
    [InlineData("ECC_NIST_EDWARDS25519", "ML_DSA_SHAKE_256")]
    [InlineData("SM2", "ECDSA_SHA_256")]
    [InlineData("ECC_NIST_P256", "ED25519_SHA_512")]
    [InlineData("RSA_2048", "ML_DSA_SHAKE_256")]
    public async Task Sign_AlgorithmOfAnotherKeySpec_InvalidKeyUsageException(string spec, string algorithm)
    {
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => _keys.SignAsync(_keys.Key(spec), algorithm, Message));
        Assert.Equal($"Algorithm {algorithm} is incompatible with key spec {spec}.", error.Message);
    }

    [Fact]
    public async Task MlDsa_RawMessageOver4096Bytes_ValidationException()
    {
        var key = _keys.Key("ML_DSA_44");
        await KmsAssert.FailsWith("ValidationException", () => _keys.SignAsync(key, "ML_DSA_SHAKE_256", new byte[4097]));
        await _keys.SignAsync(key, "ML_DSA_SHAKE_256", new byte[4096]);
    }

    [Theory]
    [InlineData("ML_DSA_44", "ENCRYPT_DECRYPT")]
    [InlineData("ML_DSA_87", "KEY_AGREEMENT")]
    [InlineData("ECC_NIST_EDWARDS25519", "ENCRYPT_DECRYPT")]
    [InlineData("ECC_NIST_EDWARDS25519", "KEY_AGREEMENT")]
    [InlineData("SM2", "GENERATE_VERIFY_MAC")]
    public async Task CreateKey_UsageTheSpecDoesNotHave_ValidationException(string spec, string usage)
    {
        var error = await KmsAssert.FailsWith("ValidationException",
            () => Client.CreateKeyAsync(new CreateKeyRequest { KeySpec = spec, KeyUsage = usage }));
        Assert.Equal($"KeyUsage {usage} is not compatible with KeySpec {spec}", error.Message);
    }

    [Theory]
    [InlineData("ENCRYPT_DECRYPT", "SM2PKE", null, null)]
    [InlineData("SIGN_VERIFY", null, "SM2DSA", null)]
    [InlineData("KEY_AGREEMENT", null, null, "ECDH")]
    public async Task Sm2_EveryUsage_DescribedWithItsAlgorithms(string usage, string? encryption, string? signing, string? agreement)
    {
        var key = _keys.Key("SM2", usage);
        var response = await PublicKeyAsync(key);
        Assert.Equal(usage, response.KeyUsage.Value);
        Assert.Equal(encryption, response.EncryptionAlgorithms?.FirstOrDefault());
        Assert.Equal(signing, response.SigningAlgorithms?.FirstOrDefault());
        Assert.Equal(agreement, response.KeyAgreementAlgorithms?.FirstOrDefault());
    }

    /// <summary>μ = SHAKE256(tr || M', 64) with tr = SHAKE256(pk, 64) and M' = 0 || 0 || M: pure ML-DSA, empty context (FIPS 204, Algorithm 7).</summary>
    private static byte[] Mu(byte[] subjectPublicKeyInfo, byte[] message)
    {
        var publicKey = RawPublicKey(subjectPublicKeyInfo);
        var tr = Shake256(publicKey);
        return Shake256([.. tr, 0, 0, .. message]);
    }

    private static byte[] Shake256(byte[] input)
    {
        var shake = new ShakeDigest(256);
        shake.BlockUpdate(input, 0, input.Length);
        var output = new byte[64];
        shake.OutputFinal(output, 0, output.Length);
        return output;
    }

    /// <summary>e = SM3(Z || M), Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), ID 1234567812345678 (GB/T 32918.2).</summary>
    private static byte[] Sm2Digest(byte[] subjectPublicKeyInfo, byte[] message)
    {
        var curve = Org.BouncyCastle.Asn1.GM.GMNamedCurves.GetByName("sm2p256v1");
        var point = RawPublicKey(subjectPublicKeyInfo);
        var id = "1234567812345678"u8.ToArray();
        byte[] z = Sm3([0x00, 0x80, .. id, .. curve.Curve.A.GetEncoded(), .. curve.Curve.B.GetEncoded(),
            .. curve.G.AffineXCoord.GetEncoded(), .. curve.G.AffineYCoord.GetEncoded(), .. point[1..]]);
        return Sm3([.. z, .. message]);
    }

    private static byte[] Sm3(byte[] input)
    {
        var sm3 = new SM3Digest();
        sm3.BlockUpdate(input, 0, input.Length);
        var output = new byte[32];
        sm3.DoFinal(output, 0);
        return output;
    }

    private static byte[] RawPublicKey(byte[] subjectPublicKeyInfo)
    {
        var info = new AsnReader(subjectPublicKeyInfo, AsnEncodingRules.DER).ReadSequence();
        info.ReadSequence();
        return info.ReadBitString(out _);
    }
}
