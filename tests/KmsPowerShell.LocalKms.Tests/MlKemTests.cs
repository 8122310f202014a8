using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.LocalKms.KeyMaterial;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>ML-KEM keys: the primitive's round trip and implicit rejection, and Encapsulate/Decapsulate as AWS answers them.</summary>
public class MlKemTests : IClassFixture<AsymmetricKeysFixture>
{
    private readonly AsymmetricKeysFixture _keys;

    public MlKemTests(AsymmetricKeysFixture keys) => _keys = keys;

    private AmazonKeyManagementServiceClient Client => _keys.Client;

    /// <summary>
    /// Known answers from an independent FIPS 203 implementation, @noble/post-quantum 0.2.1: for the seed d || z with
    /// byte i = 7i + 3 and the message m with byte i = 255 - i, the SHA-256 of ek, dk and the ciphertext, and the secret.
    /// The NIST vectors are in <see cref="MlKemKnownAnswerTests"/>; this adds a whole key-to-secret run of every
    /// parameter set (encapsulation of ML-KEM-768 and -1024 has no ACVP vector there).
    /// </summary>
    [Theory]
    [InlineData("ML_KEM_512", "633FD2791F550E0EA97DFEA83F6A592B922E0554C4C9666C0C90B1F74B0CD0F3", "03AC197011F79CAED70210F77D4C1F5854F239E378DAE46D07AA3332F423028A",
        "8DB4694734533D375610F8700FA4895B8555CC0C18D7F6CEA28615EFB0EF123E", "FF68948EE00D84BBE1375B52A78FACA92B8F8562BEBBF382BFF62ACC8A904197")]
    [InlineData("ML_KEM_768", "206C5FECC20B8F890F6954A9F5CFBFA83BB649CD97EFA8DF5688F0FD8C8F8B5F", "A9A9F7133CD517143948172A3C52F2D385DE350711850C7F12F30A7BFE1169E7",
        "9042606F334BF99E5F8E3A124D6B57970AF33FF565615BFA81D2F6C6D4EFBE1E", "B44738192022387F268C1CB01D1507CCB11797AE5DB08B101571B8DE0FEBB94C")]
    [InlineData("ML_KEM_1024", "71F4AB9675C0EC887309DB0112B7399947CF5C08FDB1C235E9D3285CE35346C6", "C2A7F52F3AD9991DB92C6C09D82BB7AAC9417A2317E64B0D265CB0C4614FDC37",
        "667F89C9CEEFF28607122F144D410B24A9928D0AB50500AA27F375D296DFE5AE", "458D553CD5F95A9BD96C1BDC8353D9112EEAAF36D781C132135CDD5C6EB1BD7D")]
    public void KeyGenAndEncapsulate_FixedSeedAndMessage_EqualAnotherImplementation(string spec, string ekHash, string dkHash, string ciphertextHash, string secret)
    {
        var seed = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 3)).ToArray();
        var message = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
        var key = MlKemKey.FromSeed(spec, seed);
        Assert.Equal(ekHash, Convert.ToHexString(SHA256.HashData(key.EncapsulationKey)));
        Assert.Equal(dkHash, Convert.ToHexString(SHA256.HashData(key.DecapsulationKey)));
        var (shared, ciphertext) = key.Encapsulate(new FixedRandom(message));
        Assert.Equal(ciphertextHash, Convert.ToHexString(SHA256.HashData(ciphertext)));
        Assert.Equal(secret, Convert.ToHexString(shared));
        Assert.Equal(secret, Convert.ToHexString(key.Decapsulate(ciphertext)));
    }

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
