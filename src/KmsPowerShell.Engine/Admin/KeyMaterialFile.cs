using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Admin;

/// <summary>
/// Plaintext key material as ImportKeyMaterial wants it: raw bytes for symmetric and HMAC keys, a PKCS#8 DER private
/// key for asymmetric keys (given as DER, or as PEM: PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).
/// </summary>
public static class KeyMaterialFile
{
    /// <summary>The material to wrap for a key of <paramref name="keySpec"/>: a new array (the caller zeroes both).</summary>
    public static byte[] ToImportable(byte[] given, string keySpec)
    {
        if (given.Length == 0) throw new KmsArgumentException("KeyMaterialInvalid", "The key material is empty.");
        var family = KmsKeySpec.Find(keySpec)?.Family;
        if (family is null or KmsKeyFamily.Symmetric or KmsKeyFamily.Hmac || !LooksLikePem(given)) return (byte[])given.Clone();
        var text = Encoding.ASCII.GetChars(given);
        try
        {
            return FromPem(text);
        }
        finally
        {
            Array.Clear(text);
        }
    }

    private static bool LooksLikePem(byte[] bytes) => bytes.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("-----BEGIN "u8);

    private static byte[] FromPem(char[] text)
    {
        if (!PemEncoding.TryFind(text, out var fields)) throw new KmsArgumentException("KeyMaterialInvalid", "The key material looks like PEM but has no complete PEM block.");
        var label = new string(text.AsSpan()[fields.Label]);
        var pem = text.AsSpan()[fields.Location];
        switch (label)
        {
            case "PRIVATE KEY":
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out _)) throw new KmsArgumentException("KeyMaterialInvalid", "The PEM private key is not valid base64.");
                return der;
            case "RSA PRIVATE KEY":
                using (var rsa = RSA.Create())
                {
                    rsa.ImportFromPem(pem);
                    return rsa.ExportPkcs8PrivateKey();
                }
            case "EC PRIVATE KEY":
                using (var ec = ECDsa.Create())
                {
                    ec.ImportFromPem(pem);
                    return ec.ExportPkcs8PrivateKey();
                }
            default:
                throw new KmsArgumentException("KeyMaterialInvalid",
                    $"The PEM block is '{label}'; asymmetric key material is an unencrypted private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY).");
        }
    }
}
