using System.Security.Cryptography;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Admin;

/// <summary>
/// Wraps key material for ImportKeyMaterial with the public key of GetParametersForImport, as AWS documents each
/// wrapping algorithm: RSA-OAEP or PKCS#1 v1.5 of the material itself, (RSA_AES_KEY_WRAP_*) RSA-OAEP of a fresh
/// AES-256 key followed by the material wrapped under that key with AES Key Wrap with Padding (RFC 5649), or (SM2PKE,
/// China Regions) SM2 encryption of the material itself, as GM/T 0009 ASN.1 (the local KMS's <see cref="Sm2Pke"/>).
/// </summary>
public static class KeyMaterialWrapping
{
    public static byte[] Wrap(ReadOnlySpan<byte> material, byte[] publicKeyDer, string wrappingAlgorithm)
    {
        if (wrappingAlgorithm == KmsImportWrapping.Sm2Pke) return Sm2Wrap(material, publicKeyDer);
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(publicKeyDer, out _);
        return wrappingAlgorithm switch
        {
            KmsImportWrapping.RsaesPkcs1V15 => RsaWrap(rsa, material, RSAEncryptionPadding.Pkcs1, wrappingAlgorithm),
            KmsImportWrapping.RsaesOaepSha1 => RsaWrap(rsa, material, RSAEncryptionPadding.OaepSHA1, wrappingAlgorithm),
            KmsImportWrapping.RsaesOaepSha256 => RsaWrap(rsa, material, RSAEncryptionPadding.OaepSHA256, wrappingAlgorithm),
            KmsImportWrapping.RsaAesKeyWrapSha1 => RsaAesWrap(rsa, material, RSAEncryptionPadding.OaepSHA1),
            KmsImportWrapping.RsaAesKeyWrapSha256 => RsaAesWrap(rsa, material, RSAEncryptionPadding.OaepSHA256),
            _ => throw new KmsArgumentException("WrappingAlgorithmNotSupported", $"'{wrappingAlgorithm}' is not a wrapping algorithm of KMS."),
        };
    }

    private static byte[] Sm2Wrap(ReadOnlySpan<byte> material, byte[] publicKeyDer)
    {
        try
        {
            return Sm2Pke.Encrypt(publicKeyDer, material);
        }
        catch (ArgumentException)
        {
            // Says only what was wrong with the public key; the material is not in the exception.
            throw new KmsArgumentException("PublicKeyInvalid", "KMS returned a wrapping public key for SM2PKE that is not an SM2 public key.");
        }
    }

    private static byte[] RsaWrap(RSA rsa, ReadOnlySpan<byte> material, RSAEncryptionPadding padding, string wrappingAlgorithm)
    {
        var limit = rsa.KeySize / 8 - (padding == RSAEncryptionPadding.Pkcs1 ? 11 : 2 * HashBytes(padding) + 2);
        if (material.Length > limit)
        {
            throw new KmsArgumentException("KeyMaterialTooLarge",
                $"The key material is {material.Length} bytes, more than {wrappingAlgorithm} with an RSA_{rsa.KeySize} wrapping key can wrap ({limit} bytes): " +
                $"use -WrappingAlgorithm {KmsImportWrapping.RsaAesKeyWrapSha256}, which wraps material of any size.");
        }
        return rsa.Encrypt(material, padding);
    }

    private static byte[] RsaAesWrap(RSA rsa, ReadOnlySpan<byte> material, RSAEncryptionPadding padding)
    {
        var aesKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrappedKey = rsa.Encrypt(aesKey, padding);
            var wrappedMaterial = AesKeyWrapPad.Wrap(aesKey, material);
            return [.. wrappedKey, .. wrappedMaterial];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }
    }

    private static int HashBytes(RSAEncryptionPadding padding) => padding.OaepHashAlgorithm == HashAlgorithmName.SHA1 ? 20 : 32;
}
