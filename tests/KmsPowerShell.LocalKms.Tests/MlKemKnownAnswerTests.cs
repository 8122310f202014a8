using System.Security.Cryptography;
using KmsPowerShell.LocalKms.KeyMaterial;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// NIST ACVP known-answer vectors for FIPS 203 (ML-KEM) against the local KMS's own <see cref="MlKemKey"/>: the ACVP-Server
/// releases v1.1.0.40 and v1.1.0.38 (ML-KEM-keyGen-FIPS203, ML-KEM-encapDecap-FIPS203; vsId 42, revision FIPS203), as
/// pq-code-package/mlkem-native keeps them in test/acvp_data; the long ones are in <see cref="MlKemAcvpVectors"/>.
/// The ML-KEM-keyGen internalProjection.json versions stored for usnistgov/ACVP-Server itself (commits 092b939a,
/// eb31c8ef) are not used: they are draft (FIPS 203 ipd) vectors. Their ek ends in ρ = the first half of SHA3-512(d),
/// the draft's keyGen; FIPS 203 final (and BouncyCastle) hash d || k, so no final implementation matches them.
/// </summary>
public class MlKemKnownAnswerTests
{
    /// <summary>
    /// ML-KEM.KeyGen_internal(d, z): the start of ek and of dk as the vector has them, SHA3-256 of the whole ek equal to
    /// the vector's H(ek) (dk's 32 bytes before z), and dk ending in H(ek) || z.
    /// </summary>
    [Theory]
    // tcId 1
    [InlineData("ML_KEM_512", "BBA3C0F5DF044CDF4D9CAA53CA15FDE26F34EB3541555CFC54CA9C31B964D0C8", "0A64FDD51A8D91B3166C4958A94EFC3166A4F5DF680980B878DB8371B7624C96",
        "1CAB32BE749CA76124EE19907B9CCB7FD30F8B2C38DC970E81F9956C97A8BD3C", "C8D473A9EA0987F356FB309356A39E766633746B8FBAF03D588495E4B1CC87E4",
        "47D4B351E049B7757A2545602C398D2EBCF7C28804BCC8862E270D7324AB435E")]
    // tcId 2
    [InlineData("ML_KEM_512", "00C7E4AB727C202A92869BE37F8A7CBAE63A67463C3A54000F1A3290B987E96F", "3764A9B01F8C411BEB6DACF298CC30841FEB65A10D6DEBA9780338B4970B983E",
        "C4A019A8941B1C639C0C6698AAA051E3B9C78BF7A15005A92AB3C6AB30AE9746", "B0618E21C291A7D7228F2B5624037B382628A90A89D0213D54E20CA6989BF887",
        "A1CBE5BF3592B77207A8C0C8E3FAA7EF66DEB7C18CE8CCF387A76B39CB4ECB72")]
    // tcId 26
    [InlineData("ML_KEM_768", "A2B4BCA315A6EA4600B4A316E09A2578AA1E8BCE919C8DF3A96C71C843F5B38B", "D6BF055CB7B375E3271ED131F1BA31F83FEF533A239878A71074578B891265D1",
        "5219C4CC17C35A828F3E21B2AB7496805C99EE041FCA0158A3314F07D053F364", "E6F634F0A3771ED789D6842321E147B6010ADA7B6B0B105949F90AEBECCA062C",
        "7CA0C2CBBF4FBF28DE8C479D4473C339D96B89C34A4E5FCBCF7728BDFB43B945")]
    // tcId 51
    [InlineData("ML_KEM_1024", "2B5330C4F23BFDFD5C31F050BA3B38235324BF032372FC12D04DD08920F0BD59", "0A064D6C06CEAB73E59CFCA9FF6402255A326AEF1E9CB678BF36929DAFE29A58",
        "B24174A5B00DBF520CB9E3783D482E03CA3166D40D082A7BAB664845B617ADD9", "F7517C1258A61E1936F15B11DBBB33A7F7733CCCB2D9493CBF29945C751E2519",
        "88A8FD05CD6DA066D2BAB105299B3EE66605BD5A803760AF56A6033CB9D3B924")]
    public void KeyGen_VectorsDAndZ_GiveTheVectorsEkAndDk(string spec, string d, string z, string ekStart, string dkStart, string ekHash)
    {
        var key = MlKemKey.FromSeed(spec, Convert.FromHexString(d + z));

        Assert.Equal(ekStart, Convert.ToHexString(key.EncapsulationKey[..32]));
        Assert.Equal(dkStart, Convert.ToHexString(key.DecapsulationKey[..32]));
        Assert.Equal(ekHash, Convert.ToHexString(SHA3_256.HashData(key.EncapsulationKey)));
        Assert.Equal(ekHash + z, Convert.ToHexString(key.DecapsulationKey[^64..]));
    }

    /// <summary>
    /// The key of the vector's dk encapsulates with its m to its c and K and decapsulates c to K; the same c with one bit
    /// changed gives FIPS 203's implicit rejection K̄ = J(z || c) = SHAKE256(z || c, 32), computed with .NET's SHAKE256.
    /// </summary>
    [Theory]
    [InlineData("ML_KEM_512")]
    [InlineData("ML_KEM_768")]
    [InlineData("ML_KEM_1024")]
    public void EncapsulateAndDecapsulate_VectorsKeyAndMessage_GiveTheVectorsCiphertextAndSecret(string spec)
    {
        var (dk, m, c, k) = MlKemAcvpVectors.Encapsulation[spec];
        var key = MlKemKey.FromDecapsulationKey(spec, Convert.FromHexString(dk));

        var (secret, ciphertext) = key.Encapsulate(new FixedRandom(Convert.FromHexString(m)));

        Assert.Equal((c, k), (Convert.ToHexString(ciphertext), Convert.ToHexString(secret)));
        Assert.Equal(k, Convert.ToHexString(key.Decapsulate(ciphertext)));
        ciphertext[^1] ^= 0x80;
        Assert.Equal(ImplicitRejection(key, ciphertext), Convert.ToHexString(key.Decapsulate(ciphertext)));
    }

    /// <summary>ML-KEM.Decaps_internal(dk, c) of ML-KEM-512: a valid ciphertext (tcId 76) and NIST's modified one (tcId 77).</summary>
    [Theory]
    [InlineData(76)]
    [InlineData(77)]
    public void Decapsulate_VectorsCiphertext_GivesTheVectorsSecret(int tcId)
    {
        var key = MlKemKey.FromDecapsulationKey("ML_KEM_512", Convert.FromHexString(MlKemAcvpVectors.Decapsulation512Dk));
        var (c, k) = MlKemAcvpVectors.Decapsulation512[tcId];

        var secret = Convert.ToHexString(key.Decapsulate(Convert.FromHexString(c)));

        Assert.Equal(k, secret);
        // The modified ciphertext is rejected implicitly: its K is J(z || c), the valid one's is not.
        Assert.Equal(tcId == 77, secret == ImplicitRejection(key, Convert.FromHexString(c)));
    }

    private static string ImplicitRejection(MlKemKey key, byte[] ciphertext) =>
        Convert.ToHexString(Shake256.HashData([.. key.DecapsulationKey[^32..], .. ciphertext], 32));
}
