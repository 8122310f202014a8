using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.Engine.Admin;

namespace KmsPowerShell.Tests.Admin;

public class KeyMaterialFileTests
{
    [Fact]
    public void TakesSymmetricAndHmacMaterialAsRawBytes()
    {
        var raw = Encoding.ASCII.GetBytes("-----BEGIN looks like PEM but is 32");
        Assert.Equal(raw, KeyMaterialFile.ToImportable(raw, "SYMMETRIC_DEFAULT"));
        Assert.Equal(raw, KeyMaterialFile.ToImportable(raw, "HMAC_256"));
    }

    [Fact]
    public void TakesAPkcs8PrivateKeyAsDerOrPem()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var der = ec.ExportPkcs8PrivateKey();
        Assert.Equal(der, KeyMaterialFile.ToImportable(der, "ECC_NIST_P256"));
        Assert.Equal(der, KeyMaterialFile.ToImportable(Encoding.ASCII.GetBytes(ec.ExportPkcs8PrivateKeyPem()), "ECC_NIST_P256"));
    }

    [Fact]
    public void TurnsTraditionalRsaAndEcPemIntoPkcs8()
    {
        using var rsa = RSA.Create(2048);
        using var fromRsa = RSA.Create();
        fromRsa.ImportPkcs8PrivateKey(KeyMaterialFile.ToImportable(Encoding.ASCII.GetBytes(rsa.ExportRSAPrivateKeyPem()), "RSA_2048"), out _);
        Assert.Equal(rsa.ExportRSAPublicKey(), fromRsa.ExportRSAPublicKey());
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var fromEc = ECDsa.Create();
        fromEc.ImportPkcs8PrivateKey(KeyMaterialFile.ToImportable(Encoding.ASCII.GetBytes(ec.ExportECPrivateKeyPem()), "ECC_NIST_P384"), out _);
        Assert.Equal(ec.ExportSubjectPublicKeyInfo(), fromEc.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void RefusesAnEncryptedPrivateKeyWithoutQuotingIt()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
        var error = Assert.Throws<KmsArgumentException>(() => KeyMaterialFile.ToImportable(Encoding.ASCII.GetBytes(pem), "RSA_2048"));
        Assert.Equal("KeyMaterialInvalid", error.Problem);
        Assert.DoesNotContain(pem.Split('\n')[1], error.Message);
    }

    [Fact]
    public void RefusesEmptyMaterial() =>
        Assert.Equal("KeyMaterialInvalid", Assert.Throws<KmsArgumentException>(() => KeyMaterialFile.ToImportable([], "SYMMETRIC_DEFAULT")).Problem);
}
