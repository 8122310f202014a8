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
    /// <summary>
    /// Refuses a wrapping algorithm or key spec AWS would refuse for this key's material in <paramref name="region"/>
    /// (ValidationException; AWS's texts are not public, these are ours). SM2PKE and the SM2 wrapping key spec exist in
    /// the China Regions only, go only together, and wrap RSA, ECC and SM2 private keys; the China Regions have no
    /// RSA_AES_KEY_WRAP (the developer guide's "Select a wrapping algorithm").
    /// </summary>
    public static void RequireAllowed(KmsKeySpec keySpec, string algorithm, string wrappingKeySpec, string region)
    {
        if (algorithm == KmsImportWrapping.RsaesPkcs1V15)
        {
            throw KmsErrors.Validation("The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported (since October 10, 2023). Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.");
        }
        var sm2Algorithm = algorithm == KmsImportWrapping.Sm2Pke;
        if ((sm2Algorithm || wrappingKeySpec == KmsImportWrapping.Sm2KeySpec) && !KmsPartition.IsChina(region))
        {
            throw KmsErrors.Validation("The SM2PKE wrapping algorithm and the SM2 wrapping key spec are available only in the AWS China Regions.");
        }
        if (sm2Algorithm != (wrappingKeySpec == KmsImportWrapping.Sm2KeySpec))
        {
            throw KmsErrors.Validation($"The {algorithm} wrapping algorithm cannot be used with the {wrappingKeySpec} wrapping key spec: SM2PKE wraps with the SM2 wrapping key spec, and only SM2PKE does.");
        }
        var keyWrap = IsKeyWrap(algorithm);
        if ((keyWrap || sm2Algorithm) && keySpec.Family is KmsKeyFamily.Symmetric or KmsKeyFamily.Hmac)
        {
            throw KmsErrors.Validation($"{algorithm} cannot wrap key material for a {keySpec.Name} key. Use RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_1.");
        }
        if (keyWrap && KmsPartition.IsChina(region))
        {
            // The developer guide: "not supported in China Regions, where you must use the SM2PKE wrapping algorithm".
            throw KmsErrors.Validation($"The {algorithm} wrapping algorithm is not supported in the AWS China Regions. Use SM2PKE with the SM2 wrapping key spec.");
        }
        if (!keyWrap && !sm2Algorithm && keySpec.Family == KmsKeyFamily.Rsa)
        {
            throw KmsErrors.Validation($"{algorithm} cannot wrap RSA private key material. Use RSA_AES_KEY_WRAP_SHA_256 or RSA_AES_KEY_WRAP_SHA_1.");
        }
        if (!keyWrap && keySpec.Name == "ECC_NIST_P521" && wrappingKeySpec == "RSA_2048")
        {
            throw KmsErrors.Validation($"{algorithm} with the RSA_2048 wrapping key spec cannot wrap ECC_NIST_P521 key material. Use a longer wrapping key or RSA_AES_KEY_WRAP_SHA_256.");
        }
    }

    /// <summary>A new wrapping key pair of <paramref name="wrappingKeySpec"/>: the private key as PKCS#8 (the caller zeroes it) and the public key as DER SubjectPublicKeyInfo.</summary>
    public static (byte[] PrivateKey, byte[] PublicKey) NewKeyPair(string wrappingKeySpec)
    {
        if (wrappingKeySpec == KmsImportWrapping.Sm2KeySpec)
        {
            var pkcs8 = BcKeyPairs.NewPkcs8(KmsKeySpec.Find(KmsImportWrapping.Sm2KeySpec)!);
            using var sm2 = BcAsymmetricKey.FromPkcs8(pkcs8);
            return (pkcs8, sm2.PublicKey());
        }
        using var rsa = RSA.Create(KeyBits(wrappingKeySpec));
        return (rsa.ExportPkcs8PrivateKey(), rsa.ExportSubjectPublicKeyInfo());
    }

    private static int KeyBits(string wrappingKeySpec) => int.Parse(wrappingKeySpec["RSA_".Length..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The plaintext material, unwrapped with the wrapping private key <paramref name="privateKey"/> (PKCS#8);
    /// InvalidCiphertextException when it does not unwrap. RSA_AES_KEY_WRAP is the RSA-OAEP encrypted AES key (one
    /// modulus long) followed by the material wrapped with AES Key Wrap with Padding (RFC 5649); SM2PKE is the GM/T 0009
    /// ciphertext of <see cref="Sm2Pke"/>.
    /// </summary>
    public static byte[] Unwrap(byte[] privateKey, string algorithm, byte[] wrapped)
    {
        if (algorithm == KmsImportWrapping.Sm2Pke) return Sm2Pke.Decrypt(privateKey, wrapped) ?? throw KmsErrors.InvalidCiphertext();
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(privateKey, out _);
        return Unwrap(rsa, algorithm, wrapped);
    }

    private static byte[] Unwrap(RSA wrappingKey, string algorithm, byte[] wrapped)
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
