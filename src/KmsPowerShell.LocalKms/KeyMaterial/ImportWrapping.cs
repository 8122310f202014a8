using System.Security.Cryptography;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The wrapping algorithms and wrapping key specs of GetParametersForImport, which combinations AWS allows for which
/// key material (the developer guide's "Select a wrapping algorithm" table), and unwrapping what ImportKeyMaterial is given.
/// </summary>
internal static class ImportWrapping
{
    /// <summary>Refuses a wrapping algorithm or key spec AWS would refuse for this key's material (ValidationException; the texts are ours).</summary>
    public static void RequireAllowed(KmsKeySpec keySpec, string algorithm, string wrappingKeySpec)
    {
        if (algorithm == KmsImportWrapping.RsaesPkcs1V15)
        {
            throw KmsErrors.Validation("The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported (since October 10, 2023). Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        if (algorithm == KmsImportWrapping.Sm2Pke || wrappingKeySpec == "SM2")
        {
            throw KmsErrors.Validation("The SM2PKE wrapping algorithm and the SM2 wrapping key spec are available only in the AWS China Regions.");
        }
        var keyWrap = IsKeyWrap(algorithm);
        if (keyWrap && keySpec.Family is KmsKeyFamily.Symmetric or KmsKeyFamily.Hmac)
        {
            throw KmsErrors.Validation($"{algorithm} cannot wrap key material for a {keySpec.Name} key. Use RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1.");
        }
        if (!keyWrap && keySpec.Family == KmsKeyFamily.Rsa)
        {
            throw KmsErrors.Validation($"{algorithm} cannot wrap RSA private key material. Use RSA_AES_KEY_WRAP_SHA_256 or RSA_AES_KEY_WRAP_SHA_1.");
        }
        if (!keyWrap && keySpec.Name == "ECC_NIST_P521" && wrappingKeySpec == "RSA_2048")
        {
            throw KmsErrors.Validation($"{algorithm} with the RSA_2048 wrapping key spec cannot wrap ECC_NIST_P521 key material. Use a longer wrapping key or RSA_AES_KEY_WRAP_SHA_256.");
        }
    }

    public static int KeyBits(string wrappingKeySpec) => int.Parse(wrappingKeySpec["RSA_".Length..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The plaintext material; InvalidCiphertextException when it does not unwrap. RSA_AES_KEY_WRAP is the RSA-OAEP
    /// encrypted AES key (one modulus long) followed by the material wrapped with AES Key Wrap with Padding (RFC 5649).
    /// </summary>
    public static byte[] Unwrap(RSA wrappingKey, string algorithm, byte[] wrapped)
    {
        var padding = algorithm is KmsImportWrapping.RsaesOaepSha1 or KmsImportWrapping.RsaAesKeyWrapSha1 ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;
        try
        {
            if (!IsKeyWrap(algorithm)) return wrappingKey.Decrypt(wrapped, padding);
            var modulusBytes = wrappingKey.KeySize / 8;
            if (wrapped.Length <= modulusBytes) throw new CryptographicException();
            var aesKey = wrappingKey.Decrypt(wrapped.AsSpan(0, modulusBytes).ToArray(), padding);
            try
            {
                return AesKeyWrapPad.Unwrap(aesKey, wrapped.AsSpan(modulusBytes));
            }
            catch (ArgumentException)
            {
                throw new CryptographicException();
            }
            finally
            {
                CryptographicOperations.ZeroMemory(aesKey);
            }
        }
        catch (CryptographicException)
        {
            throw KmsErrors.InvalidCiphertext();
        }
    }

    private static bool IsKeyWrap(string algorithm) => algorithm is KmsImportWrapping.RsaAesKeyWrapSha1 or KmsImportWrapping.RsaAesKeyWrapSha256;
}
