using System.Security.Cryptography;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Crypto;

/// <summary>Makes new key material for a spec: AES-256 and HMAC secrets, RSA and ECC private keys as PKCS#8.</summary>
internal static class KeyMaterialFactory
{
    public static StoredKeyMaterial Create(KeySpecInfo spec, int version, DateTimeOffset now) => new()
    {
        Version = version,
        MaterialId = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(),
        CreatedAt = now,
        Secret = Secret(spec),
    };

    private static byte[] Secret(KeySpecInfo spec)
    {
        switch (spec.Family)
        {
            case KeyFamily.Symmetric:
            case KeyFamily.Hmac:
                return RandomNumberGenerator.GetBytes(spec.Bits / 8);
            case KeyFamily.Rsa:
                using (var rsa = RSA.Create(spec.Bits)) return rsa.ExportPkcs8PrivateKey();
            default:
                using (var ecdsa = ECDsa.Create(Curve(spec))) return ecdsa.ExportPkcs8PrivateKey();
        }
    }

    private static ECCurve Curve(KeySpecInfo spec)
    {
        try
        {
            var curve = ECCurve.CreateFromFriendlyName(spec.CurveName ?? spec.Spec);
            using var probe = ECDsa.Create(curve);
            return curve;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or CryptographicException)
        {
            throw KmsErrors.Unsupported($"KeySpec {spec.Spec} is not supported on this platform: its curve is not available.");
        }
    }
}
