using System.Security.Cryptography;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;
using Org.BouncyCastle.Crypto.Parameters;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The key pairs GenerateDataKeyPair returns, made as the key material of a KMS key of the spec and returned in the
/// encodings AWS documents: the private key as DER PKCS#8 PrivateKeyInfo (RFC 5958), the public key as DER
/// SubjectPublicKeyInfo. An ML-KEM private key holds only its seed (AWS: "in seed format"), an Ed25519 one only its
/// private key (version 1, as openssl writes it); RSA, ECC and SM2 private keys are the key material itself.
/// </summary>
internal static class DataKeyPairs
{
    /// <summary>A new pair; the caller owns the private key's bytes and zeroes them.</summary>
    public static (byte[] PrivateKey, byte[] PublicKey) Generate(KmsKeySpec spec, DateTimeOffset now)
    {
        var material = KeyMaterialFactory.Create(spec, 1, now);
        try
        {
            var pair = Encode(spec, material);
            if (!ReferenceEquals(pair.PrivateKey, material.Secret)) CryptographicOperations.ZeroMemory(material.Secret);
            return pair;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(material.Secret);
            throw;
        }
    }

    private static (byte[] PrivateKey, byte[] PublicKey) Encode(KmsKeySpec spec, StoredKeyMaterial material)
    {
        if (spec.Family == KmsKeyFamily.MlKem)
        {
            var mlKem = MlKemKey.Load(material);
            return (mlKem.SeedPkcs8(), mlKem.PublicKey());
        }
        using var key = AsymmetricKeys.Load(spec, material);
        var privateKey = key is BcAsymmetricKey { Key: Ed25519PrivateKeyParameters ed25519 }
            ? BcKeyPairs.Ed25519Pkcs8WithoutPublicKey(ed25519)
            : material.Secret;
        return (privateKey, key.PublicKey());
    }
}
