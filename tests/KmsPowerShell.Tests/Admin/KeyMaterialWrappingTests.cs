using System.Security.Cryptography;
using KmsPowerShell.Engine.Admin;
using KmsPowerShell.LocalKms.Tests;

namespace KmsPowerShell.Tests.Admin;

/// <summary>Material wrapped by the engine unwraps with openssl and the private key, for every wrapping algorithm.</summary>
public class KeyMaterialWrappingTests
{
    private static readonly Lazy<RSA> WrappingKey = new(() => RSA.Create(2048));

    [Theory]
    [InlineData("RSAES_OAEP_SHA_1", "sha1")]
    [InlineData("RSAES_OAEP_SHA_256", "sha256")]
    [InlineData("RSAES_PKCS1_V1_5", null)]
    public void RsaWrappedMaterialUnwrapsWithOpenSsl(string algorithm, string? oaepDigest)
    {
        var material = RandomNumberGenerator.GetBytes(32);
        using var openssl = new OpenSsl();
        var wrapped = openssl.Write("wrapped.bin", KeyMaterialWrapping.Wrap(material, WrappingKey.Value.ExportSubjectPublicKeyInfo(), algorithm));

        Assert.Equal(material, RsaDecrypt(openssl, wrapped, oaepDigest));
    }

    [Theory]
    [InlineData("RSA_AES_KEY_WRAP_SHA_1", "sha1")]
    [InlineData("RSA_AES_KEY_WRAP_SHA_256", "sha256")]
    public void RsaAesWrappedMaterialUnwrapsWithOpenSsl(string algorithm, string oaepDigest)
    {
        // An RSA private key's PKCS#8 is larger than RSA-OAEP alone can wrap: the reason for the AES layer.
        using var imported = RSA.Create(2048);
        var material = imported.ExportPkcs8PrivateKey();
        var wrapped = KeyMaterialWrapping.Wrap(material, WrappingKey.Value.ExportSubjectPublicKeyInfo(), algorithm);
        using var openssl = new OpenSsl();
        var wrappedAesKey = openssl.Write("aes.bin", wrapped[..256]);
        var wrappedMaterial = openssl.Write("material.bin", wrapped[256..]);

        var aesKey = RsaDecrypt(openssl, wrappedAesKey, oaepDigest);
        Assert.Equal(32, aesKey.Length);
        var unwrapped = openssl.Write("material.out", []);
        var (exitCode, output) = openssl.Run("enc", "-d", "-id-aes256-wrap-pad", "-K", Convert.ToHexString(aesKey), "-iv", "A65959A6",
            "-in", wrappedMaterial, "-out", unwrapped);
        Assert.True(exitCode == 0, output);
        Assert.Equal(material, File.ReadAllBytes(unwrapped));
    }

    [Fact]
    public void RefusesMaterialTooLargeForRsaAloneAndNamesTheWayOut()
    {
        var tooLarge = new byte[2048 / 8 - 2 * 32 - 1];
        var error = Assert.Throws<KmsArgumentException>(() => KeyMaterialWrapping.Wrap(tooLarge, WrappingKey.Value.ExportSubjectPublicKeyInfo(), "RSAES_OAEP_SHA_256"));
        Assert.Equal("KeyMaterialTooLarge", error.Problem);
        Assert.Contains("RSA_AES_KEY_WRAP_SHA_256", error.Message);
    }

    [Fact]
    public void Sm2PkeWrappedMaterialDecryptsWithOpenSsl()
    {
        // SM2PKE (China Regions) encrypts the material itself, any length: here an RSA private key's PKCS#8.
        using var imported = RSA.Create(2048);
        var material = imported.ExportPkcs8PrivateKey();
        using var openssl = new OpenSsl();
        var (exitCode, output) = openssl.Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", "sm2.pem");
        Assert.True(exitCode == 0, output);
        var der = openssl.Write("sm2.der", []);
        (exitCode, output) = openssl.Run("pkey", "-in", "sm2.pem", "-pubout", "-outform", "DER", "-out", der);
        Assert.True(exitCode == 0, output);
        var publicKey = File.ReadAllBytes(der);

        var wrapped = openssl.Write("wrapped.bin", KeyMaterialWrapping.Wrap(material, publicKey, "SM2PKE"));

        var plain = openssl.Write("plain.out", []);
        (exitCode, output) = openssl.Run("pkeyutl", "-decrypt", "-inkey", "sm2.pem", "-in", wrapped, "-out", plain);
        Assert.True(exitCode == 0, output);
        Assert.Equal(material, File.ReadAllBytes(plain));
    }

    [Fact]
    public void RefusesSm2PkeWithAnRsaWrappingKey()
    {
        var error = Assert.Throws<KmsArgumentException>(() => KeyMaterialWrapping.Wrap(new byte[32], WrappingKey.Value.ExportSubjectPublicKeyInfo(), "SM2PKE"));
        Assert.Equal("PublicKeyInvalid", error.Problem);
    }

    private static byte[] RsaDecrypt(OpenSsl openssl, string input, string? oaepDigest)
    {
        var privateKey = openssl.Write("private.pem", System.Text.Encoding.ASCII.GetBytes(WrappingKey.Value.ExportPkcs8PrivateKeyPem()));
        string[] padding = oaepDigest is null
            ? ["-pkeyopt", "rsa_padding_mode:pkcs1"]
            : ["-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", $"rsa_oaep_md:{oaepDigest}", "-pkeyopt", $"rsa_mgf1_md:{oaepDigest}"];
        var plain = openssl.Write("plain.out", []);
        var (exitCode, output) = openssl.Run(["pkeyutl", "-decrypt", "-inkey", privateKey, "-in", input, "-out", plain, .. padding]);
        Assert.True(exitCode == 0, output);
        return File.ReadAllBytes(plain);
    }
}
