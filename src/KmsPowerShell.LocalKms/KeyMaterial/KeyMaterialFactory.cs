using System.Security.Cryptography;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>Makes new key material for a spec: AES-256 and HMAC secrets, RSA, ECC, Ed25519, ML-DSA, SM2 and ML-KEM private keys as PKCS#8.</summary>
internal static class KeyMaterialFactory
{
    public static StoredKeyMaterial Create(KmsKeySpec spec, int version, DateTimeOffset now) => new()
    {
        Version = version,
        MaterialId = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(),
        CreatedAt = now,
        Secret = Secret(spec),
    };

    private static byte[] Secret(KmsKeySpec spec)
    {
        switch (spec.Family)
        {
            case KmsKeyFamily.Symmetric:
            case KmsKeyFamily.Hmac:
                return RandomNumberGenerator.GetBytes(spec.Bits / 8);
            case KmsKeyFamily.Rsa:
                using (var rsa = RSA.Create(spec.Bits)) return rsa.ExportPkcs8PrivateKey();
            case KmsKeyFamily.Ed25519:
            case KmsKeyFamily.MlDsa:
            case KmsKeyFamily.Sm2:
                return BcKeyPairs.NewPkcs8(spec);
            case KmsKeyFamily.MlKem:
                return MlKemKey.Generate(spec);
            default:
                using (var ecdsa = ECDsa.Create(Curve(spec))) return ecdsa.ExportPkcs8PrivateKey();
        }
    }

    private static ECCurve Curve(KmsKeySpec spec)
    {
        try
        {
            var curve = ECCurve.CreateFromFriendlyName(CurveName(spec.Name));
            using var probe = ECDsa.Create(curve);
            return curve;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or CryptographicException)
        {
            throw KmsErrors.Unsupported($"KeySpec {spec.Name} is not supported on this platform: its curve is not available.");
        }
    }

    /// <summary>.NET's name for the curve of an ECC spec.</summary>
    private static string CurveName(string spec) => spec switch
    {
        "ECC_NIST_P256" => "nistP256",
        "ECC_NIST_P384" => "nistP384",
        "ECC_NIST_P521" => "nistP521",
        "ECC_SECG_P256K1" => "secP256k1",
        _ => spec,
    };
}
