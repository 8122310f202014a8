using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>
/// NIST ACVP known-answer vectors for FIPS 204 key generation (usnistgov/ACVP-Server,
/// gen-val/json-files/ML-DSA-keyGen-FIPS204, commit 203f667c): the local KMS's key made from the vector's seed ξ,
/// stored as PKCS#8 and loaded back as the local KMS loads it, has the expected private key. The expected value is the
/// start of the vector's sk, ρ || K || tr (128 bytes): tr is SHAKE256 of the whole public key, so it checks pk too.
/// And FIPS 204 signature verification from an external μ (KMS's MessageType EXTERNAL_MU) against ML-DSA-sigVer-FIPS204
/// of the same commit (prompt.json and expectedResults.json, signatureInterface internal, externalMu true; data in
/// <see cref="MlDsaAcvpVectors"/>): the vector's pk, μ and signature through the offline verifier the local KMS's
/// Verify shares.
/// </summary>
public class MlDsaKnownAnswerTests
{
    [Theory]
    [InlineData("ML_DSA_44", "4BE7A01A99A5E5BCFE3C06785D8E4EC664082227D86704E9E44862623A05C8B3",
        "ADB0B33464816091F2A95977C67F085FDC24B37854D4DB0A577AE9401E408148CF195E6D8DD398713E8F317A5CB4D4F00B2B41F3A9588A8FA4B895D8D8D1C9A11FB72B86F9B4A75132567BE2C45E873D6B5D4A8B8C59F46F2DB81B0857144DB5416B071DF2A8F77D437D47C3BFE11F16FEEFE6C470F46762C881AD19C0884BB3")]
    [InlineData("ML_DSA_44", "24044AC32483D4A1893192C3D946DFDBEEF869062B46A3BBF407E4A3ED39B6D3",
        "71E2755CB78C946AD085CB97543285F83C5998409F28C440E748C8171ED80B8C7100B950C4CCD48181D9608A60F621FF846604B3200E527F3E6D55DC1F130EFF543D7242D64A586FE7B9A0394D85F1D1DF1D5E504352E05205B4FDA882F4C00F83F10D3C7A82245F24A0BF24B4A49BCCD505ECB491D6D695D4C189CB64065D36")]
    [InlineData("ML_DSA_65", "8AB6448BF58F897D528A8DE9F8E59329AC929A9CDE7EDF3E27E01BC9EF128A67",
        "49DE190622B0681761A9DB044015BF812760429001FDFF5FC897166546277E848138686987E6D583B03CDCF79685ACEB004D1832A6DE9C26C0C5B4636F4EE976B2B87C49F3E51E4C76C8EDF276174B9EBE99228B1BEAD73FDE09D114795B8275598163B433A79712726320692FFCA1DBD70F68689A3D5BFD21BFE3F3852673B0")]
    [InlineData("ML_DSA_87", "5AC4D695186486C11D21F0300DBDA6F38B8D1FA07A254549B64422D44B1AAC42",
        "A43D30AA48E12E950A08F7ED597EC7C84C7F6207CDB9850958EDEAB45253F379B882B327F094A8641260CF699F35F611B87F2D2DA371A8527A5AD096890E474CD1EC64DEF2A3681FDF7FC4B332C95F5F5E0C62AF69FBDD57B56772666141093B2F7AD9B2067C89BD04639229F5C876F95741C126F645432024CE670A359911CB")]
    public void KeyGen_FromTheVectorsSeed_HasTheExpectedRhoKAndTr(string spec, string seed, string rhoKTr)
    {
        var pkcs8 = BcKeyPairs.MlDsaPkcs8FromSeed(spec, Convert.FromHexString(seed));

        using var key = BcAsymmetricKey.Load(new StoredKeyMaterial { Secret = pkcs8 });

        var privateKey = Assert.IsType<MLDsaPrivateKeyParameters>(key.Key);
        Assert.Equal(rhoKTr, Convert.ToHexString(privateKey.GetEncoded()[..128]));
        Assert.Equal(rhoKTr[..64], Convert.ToHexString(((MLDsaPublicKeyParameters)key.Public).GetEncoded()[..32]));
    }

    [Theory]
    [InlineData("ML_DSA_44", 98, true)]
    [InlineData("ML_DSA_44", 92, false)]
    [InlineData("ML_DSA_65", 132, true)]
    [InlineData("ML_DSA_87", 151, true)]
    public void SigVer_ExternalMu_GivesTheVectorsVerdict(string spec, int tcId, bool testPassed)
    {
        var (pk, mu, signature) = MlDsaAcvpVectors.SigVerExternalMu[tcId];
        var subjectPublicKeyInfo = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(
            MLDsaPublicKeyParameters.FromEncoding(BcKeyPairs.MlDsaParameters(spec), Convert.FromHexString(pk))).GetDerEncoded();

        var valid = BcSignatures.Verify(subjectPublicKeyInfo, "ML_DSA_SHAKE_256", SigningMessageTypes.ExternalMu, Convert.FromHexString(mu), Convert.FromHexString(signature));

        Assert.Equal(testPassed, valid);
    }
}
