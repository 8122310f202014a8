using System.Security.Cryptography;
using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.Http;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>DeriveSharedSecret: ECDH secrets that openssl derives too, SM2 through the same code, and the request checks.</summary>
public class KeyAgreementTests : IClassFixture<AsymmetricKeysFixture>
{
    private readonly AsymmetricKeysFixture _keys;

    public KeyAgreementTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    private Task<DeriveSharedSecretResponse> DeriveAsync(KeyMetadata key, byte[] publicKey, bool dryRun = false) =>
        Client.DeriveSharedSecretAsync(new DeriveSharedSecretRequest
        {
            KeyId = key.KeyId, KeyAgreementAlgorithm = "ECDH", PublicKey = new MemoryStream(publicKey), DryRun = dryRun ? true : null,
        });

    [Theory]
    [InlineData("ECC_NIST_P256", "nistP256", 32)]
    [InlineData("ECC_NIST_P384", "nistP384", 48)]
    [InlineData("ECC_NIST_P521", "nistP521", 66)]
    public async Task DeriveSharedSecret_EachCurve_EqualsOpenSslDerive(string spec, string curve, int secretBytes)
    {
        var key = _keys.Key(spec, "KEY_AGREEMENT");
        using var peer = ECDiffieHellman.Create(ECCurve.CreateFromFriendlyName(curve));
        var response = await DeriveAsync(key, peer.ExportSubjectPublicKeyInfo());
        Assert.Equal(key.Arn, response.KeyId);
        Assert.Equal("ECDH", response.KeyAgreementAlgorithm.Value);
        Assert.Equal("AWS_KMS", response.KeyOrigin.Value);
        Assert.Equal(secretBytes, response.SharedSecret.Length);

        var kmsPublicKey = (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = key.KeyId })).PublicKey.ToArray();
        using var openssl = new OpenSsl();
        openssl.Write("peer.pem", System.Text.Encoding.ASCII.GetBytes(peer.ExportPkcs8PrivateKeyPem()));
        openssl.WritePublicKeyPem("kms.pem", kmsPublicKey);
        var (exitCode, output) = openssl.Run("pkeyutl", "-derive", "-inkey", "peer.pem", "-peerkey", "kms.pem", "-out", "secret.bin");
        Assert.True(exitCode == 0, output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(openssl.Write("peer.der", []))!, "secret.bin")), response.SharedSecret.ToArray());
    }

    [Fact]
    public async Task DeriveSharedSecret_TwoKmsKeys_SameSecretBothWays()
    {
        var alice = _keys.Key("ECC_NIST_P256", "KEY_AGREEMENT");
        var bob = await _keys.Kms.CreateKeyAsync(Client, new CreateKeyRequest { KeySpec = "ECC_NIST_P256", KeyUsage = "KEY_AGREEMENT" });
        var alicePublic = (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = alice.KeyId })).PublicKey.ToArray();
        var bobPublic = (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = bob.KeyId })).PublicKey.ToArray();
        Assert.Equal((await DeriveAsync(alice, bobPublic)).SharedSecret.ToArray(), (await DeriveAsync(bob, alicePublic)).SharedSecret.ToArray());
    }

    [Fact]
    public async Task DeriveSharedSecret_TwoSm2KmsKeys_SameSecretBothWays_NistPeerRefused()
    {
        var alice = await _keys.Kms.CreateKeyAsync(Client, new CreateKeyRequest { KeySpec = "SM2", KeyUsage = "KEY_AGREEMENT" });
        var bob = await _keys.Kms.CreateKeyAsync(Client, new CreateKeyRequest { KeySpec = "SM2", KeyUsage = "KEY_AGREEMENT" });
        var alicePublic = (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = alice.KeyId })).PublicKey.ToArray();
        var bobPublic = (await Client.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = bob.KeyId })).PublicKey.ToArray();
        var secret = (await DeriveAsync(alice, bobPublic)).SharedSecret.ToArray();
        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, (await DeriveAsync(bob, alicePublic)).SharedSecret.ToArray());

        using var nistPeer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        await KmsAssert.FailsWith("ValidationException", () => DeriveAsync(alice, nistPeer.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void EcdhAgreement_Sm2Pkcs8Keys_SameSecretBothWays_OtherCurveRefused()
    {
        var (aliceMaterial, alicePublic) = Sm2KeyPair();
        var (bobMaterial, bobPublic) = Sm2KeyPair();
        var secret = EcdhAgreement.Derive(aliceMaterial, bobPublic);
        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, EcdhAgreement.Derive(bobMaterial, alicePublic));

        using var p256 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(PeerKeyProblem.OtherCurve, Assert.Throws<PeerKeyException>(() => EcdhAgreement.Derive(aliceMaterial, p256.ExportSubjectPublicKeyInfo())).Problem);
    }

    [Fact]
    public async Task DeriveSharedSecret_PublicKeyOfAnotherCurveOrMalformedOrRsa_ValidationException()
    {
        var key = _keys.Key("ECC_NIST_P256", "KEY_AGREEMENT");
        using var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var error = await KmsAssert.FailsWith("ValidationException", () => DeriveAsync(key, p384.ExportSubjectPublicKeyInfo()));
        Assert.Contains("ECC_NIST_P256", error.Message);

        using var p256 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var spki = p256.ExportSubjectPublicKeyInfo();
        await KmsAssert.FailsWith("ValidationException", () => DeriveAsync(key, spki[..^4]));
        var offCurve = (byte[])spki.Clone();
        offCurve[^1] ^= 1; // y no longer fits x: the point is not on the curve
        await KmsAssert.FailsWith("ValidationException", () => DeriveAsync(key, offCurve));
        using var rsa = RSA.Create(2048);
        error = await KmsAssert.FailsWith("ValidationException", () => DeriveAsync(key, rsa.ExportSubjectPublicKeyInfo()));
        Assert.Contains("not an elliptic curve public key", error.Message);
    }

    [Fact]
    public async Task DeriveSharedSecret_KeyOfAnotherUsage_InvalidKeyUsageException_DryRun_Recipient()
    {
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var signing = _keys.Key("ECC_NIST_P256", "SIGN_VERIFY");
        var error = await KmsAssert.FailsWith("InvalidKeyUsageException", () => DeriveAsync(signing, peer.ExportSubjectPublicKeyInfo()));
        Assert.Equal($"{signing.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.", error.Message);

        var key = _keys.Key("ECC_NIST_P256", "KEY_AGREEMENT");
        await KmsAssert.FailsWith("DryRunOperationException", () => DeriveAsync(key, peer.ExportSubjectPublicKeyInfo(), dryRun: true));
        error = await KmsAssert.FailsWith("UnsupportedOperationException", () => Client.DeriveSharedSecretAsync(new DeriveSharedSecretRequest
        {
            KeyId = key.KeyId, KeyAgreementAlgorithm = "ECDH", PublicKey = new MemoryStream(peer.ExportSubjectPublicKeyInfo()),
            Recipient = new RecipientInfo { AttestationDocument = new MemoryStream([1, 2, 3]), KeyEncryptionAlgorithm = "RSAES_OAEP_SHA_256" },
        }));
        Assert.Contains("attestation", error.Message);
    }

    [AwsCliFact]
    public async Task AwsCli_DeriveSharedSecret_WorksAgainstTheServer()
    {
        var folder = Directory.CreateTempSubdirectory("localkms-ecdh-").FullName;
        try
        {
            using var service = new LocalKmsService();
            await using var server = new LocalKmsServer(service);
            server.Start();
            var aws = new AwsCli(server.Endpoint, folder);
            var keyId = JsonDocument.Parse(await aws.RunAsync("kms", "create-key", "--key-spec", "ECC_NIST_P384", "--key-usage", "KEY_AGREEMENT"))
                .RootElement.GetProperty("KeyMetadata").GetProperty("KeyId").GetString()!;
            using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
            await File.WriteAllBytesAsync(Path.Combine(folder, "peer.der"), peer.ExportSubjectPublicKeyInfo());
            var derived = JsonDocument.Parse(await aws.RunAsync("kms", "derive-shared-secret", "--key-id", keyId,
                "--key-agreement-algorithm", "ECDH", "--public-key", "fileb://peer.der")).RootElement;
            var kmsPublic = JsonDocument.Parse(await aws.RunAsync("kms", "get-public-key", "--key-id", keyId)).RootElement;
            using var kmsKey = ECDiffieHellman.Create();
            kmsKey.ImportSubjectPublicKeyInfo(Convert.FromBase64String(kmsPublic.GetProperty("PublicKey").GetString()!), out _);
            Assert.Equal(peer.DeriveRawSecretAgreement(kmsKey.PublicKey), Convert.FromBase64String(derived.GetProperty("SharedSecret").GetString()!));
            Assert.Equal("AWS_KMS", derived.GetProperty("KeyOrigin").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (StoredKeyMaterial Material, byte[] SubjectPublicKeyInfo) Sm2KeyPair()
    {
        var curve = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(curve, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private);
        Assert.Equal("1.2.840.10045.2.1", pkcs8.PrivateKeyAlgorithm.Algorithm.Id);
        Assert.Equal("1.2.156.10197.1.301", Org.BouncyCastle.Asn1.X9.X962Parameters.GetInstance(pkcs8.PrivateKeyAlgorithm.Parameters).Parameters.ToString());
        return (new StoredKeyMaterial { Secret = pkcs8.GetDerEncoded() }, SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded());
    }
}
