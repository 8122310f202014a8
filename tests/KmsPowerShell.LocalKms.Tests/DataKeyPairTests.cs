using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DataKeyPair_Ed25519_Pkcs8WhosePrivateKeySignsWhatThePublicKeyVerifies_OpenSslDerivesThePublicKey(bool withoutPlaintext)
    {
        var (privateKey, publicKey) = await PairAsync("ECC_NIST_EDWARDS25519", withoutPlaintext);

        // Version 1, the private key alone (RFC 8410 section 7, as openssl writes it): 48 bytes; the SPKI is 44.
        Assert.Equal(48, privateKey.Length);
        Assert.Equal("1.3.101.112", SubjectPublicKeyInfo.GetInstance(publicKey).Algorithm.Algorithm.Id);
        var signer = new Ed25519Signer();
        signer.Init(true, (Ed25519PrivateKeyParameters)PrivateKeyFactory.CreateKey(privateKey));
        signer.BlockUpdate(Message, 0, Message.Length);
        var signature = signer.GenerateSignature();
        var verifier = new Ed25519Signer();
        verifier.Init(false, PublicKeyFactory.CreateKey(publicKey));
        verifier.BlockUpdate(Message, 0, Message.Length);
        Assert.True(verifier.VerifySignature(signature));

        using var openssl = new OpenSsl();
        var file = openssl.Write("private.der", privateKey);
        var (exitCode, output) = openssl.Run("pkey", "-inform", "DER", "-in", file, "-pubout", "-outform", "DER", "-out", "public.der");
        Assert.True(exitCode == 0, output);
        Assert.Equal(publicKey, File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(file)!, "public.der")));
    }

    [Theory]
    [InlineData("ML_KEM_512", "2.16.840.1.101.3.4.4.1", 800, false)]
    [InlineData("ML_KEM_768", "2.16.840.1.101.3.4.4.2", 1184, false)]
    [InlineData("ML_KEM_1024", "2.16.840.1.101.3.4.4.3", 1568, false)]
    [InlineData("ML_KEM_512", "2.16.840.1.101.3.4.4.1", 800, true)]
    [InlineData("ML_KEM_768", "2.16.840.1.101.3.4.4.2", 1184, true)]
    [InlineData("ML_KEM_1024", "2.16.840.1.101.3.4.4.3", 1568, true)]
    public async Task DataKeyPair_MlKem_SeedFormatPkcs8ThatDecapsulatesWhatThePublicKeyEncapsulates(string spec, string oid, int publicKeyBytes, bool withoutPlaintext)
    {
        var (privateKey, publicKey) = await PairAsync(spec, withoutPlaintext);

        // AWS: the PKCS#8 holds the private key in seed format, so it is as long for every ML-KEM spec.
        var info = PrivateKeyInfo.GetInstance(privateKey);
        Assert.Equal(oid, info.PrivateKeyAlgorithm.Algorithm.Id);
        var seed = Asn1TaggedObject.GetInstance(info.ParsePrivateKey());
        Assert.Equal(0, seed.TagNo);
        Assert.Equal(64, Asn1OctetString.GetInstance(seed, false).GetOctets().Length);
        Assert.Equal(86, privateKey.Length);
        var spki = SubjectPublicKeyInfo.GetInstance(publicKey);
        Assert.Equal(oid, spki.Algorithm.Algorithm.Id);
        Assert.Equal(publicKeyBytes, spki.PublicKey.GetOctets().Length);

        var publicParameters = (MLKemPublicKeyParameters)PublicKeyFactory.CreateKey(publicKey);
        var encapsulator = new MLKemEncapsulator(publicParameters.Parameters);
        encapsulator.Init(new ParametersWithRandom(publicParameters, new SecureRandom()));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var sent = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, 0, ciphertext.Length, sent, 0, sent.Length);
        var decapsulator = new MLKemDecapsulator(publicParameters.Parameters);
        decapsulator.Init((MLKemPrivateKeyParameters)PrivateKeyFactory.CreateKey(privateKey));
        var received = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(ciphertext, 0, ciphertext.Length, received, 0, received.Length);
        Assert.Equal(sent, received);
    }

    private static readonly byte[] Message = "a message signed outside KMS"u8.ToArray();

    /// <summary>A pair of the spec through either operation: the private key as Decrypt returns it (equal to PrivateKeyPlaintext), the public key.</summary>
    private async Task<(byte[] PrivateKey, byte[] PublicKey)> PairAsync(string spec, bool withoutPlaintext)
    {
        if (withoutPlaintext)
        {
            var encrypted = await Client.GenerateDataKeyPairWithoutPlaintextAsync(
                new GenerateDataKeyPairWithoutPlaintextRequest { KeyId = Symmetric.KeyId, KeyPairSpec = spec, EncryptionContext = Context });
            Assert.Equal(spec, encrypted.KeyPairSpec.Value);
            return (await DecryptAsync(encrypted.PrivateKeyCiphertextBlob), encrypted.PublicKey.ToArray());
        }
        var pair = await Client.GenerateDataKeyPairAsync(new GenerateDataKeyPairRequest { KeyId = Symmetric.KeyId, KeyPairSpec = spec, EncryptionContext = Context });
        Assert.Equal(spec, pair.KeyPairSpec.Value);
        Assert.Equal(pair.PrivateKeyPlaintext.ToArray(), await DecryptAsync(pair.PrivateKeyCiphertextBlob));
        return (pair.PrivateKeyPlaintext.ToArray(), pair.PublicKey.ToArray());
    }

    private async Task<byte[]> DecryptAsync(MemoryStream ciphertext) =>
        (await Client.DecryptAsync(new DecryptRequest { CiphertextBlob = ciphertext, EncryptionContext = Context })).Plaintext.ToArray();
}
