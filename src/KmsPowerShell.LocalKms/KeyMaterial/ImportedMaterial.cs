using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// Imported key material (Origin EXTERNAL): what fits a key spec, the material's identifier, and its lifecycle
/// (IMPORTED, or PENDING_IMPORT once deleted or expired, which puts the key in PendingImport).
/// </summary>
internal static class ImportedMaterial
{
    public const string Imported = "IMPORTED";
    public const string PendingImport = "PENDING_IMPORT";
    public const string Expires = "KEY_MATERIAL_EXPIRES";
    public const string DoesNotExpire = "KEY_MATERIAL_DOES_NOT_EXPIRE";

    /// <summary>
    /// Checks the unwrapped material fits the key spec and returns it in the form the local KMS keeps (raw bytes for
    /// symmetric and HMAC keys, PKCS#8 for RSA, ECC, Ed25519, ML-DSA and SM2); IncorrectKeyMaterialException when it does not fit.
    /// </summary>
    public static byte[] Normalize(KmsKeySpec spec, byte[] material)
    {
        switch (spec.Family)
        {
            case KmsKeyFamily.Symmetric:
                if (material.Length != spec.Bits / 8) throw Incorrect($"Key material for a {spec.Name} key must be {spec.Bits / 8} bytes.");
                return (byte[])material.Clone();
            case KmsKeyFamily.Hmac:
                var (min, max) = HmacLength(spec.Name);
                if (material.Length < min || material.Length > max)
                {
                    throw Incorrect($"Key material for a {spec.Name} key must be {min} to {max} bytes.");
                }
                return (byte[])material.Clone();
            case KmsKeyFamily.Rsa:
                using (var rsa = RSA.Create())
                {
                    Import(rsa, material, spec);
                    if (rsa.KeySize != spec.Bits) throw Incorrect($"Key material for a {spec.Name} key must be a {spec.Bits}-bit RSA private key.");
                    return rsa.ExportPkcs8PrivateKey();
                }
            case KmsKeyFamily.Ed25519:
            case KmsKeyFamily.MlDsa:
            case KmsKeyFamily.Sm2:
                return BcKeyPairs.Normalize(spec, material)
                    ?? throw Incorrect($"Key material for a {spec.Name} key must be a DER-encoded PKCS#8 private key of that key spec.");
            default:
                using (var ecdsa = ECDsa.Create())
                {
                    Import(ecdsa, material, spec);
                    if (!SameCurve(ecdsa, spec)) throw Incorrect($"Key material for a {spec.Name} key must be a private key on the {spec.Name} curve.");
                    return ecdsa.ExportPkcs8PrivateKey();
                }
        }
    }

    /// <summary>
    /// The KeyMaterialId of imported material: bound to the key and the material, so importing the same material into
    /// the same key gives the same id again (which is how a re-import is recognised).
    /// </summary>
    public static string MaterialId(StoredKey key, byte[] material)
    {
        var keyId = Encoding.UTF8.GetBytes(key.KeyId + "\0");
        var input = new byte[keyId.Length + material.Length];
        try
        {
            keyId.CopyTo(input, 0);
            material.CopyTo(input, keyId.Length);
            return Convert.ToHexString(SHA256.HashData(input)).ToLowerInvariant();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>Whether every material of the key is present (a key of Origin AWS_KMS always is).</summary>
    public static bool IsComplete(StoredKey key) => key.Materials.Count > 0 && key.Materials.All(m => m.IsPresent);

    /// <summary>
    /// Forgets a material's secret; the key waits for it again (PendingImport) unless it is pending deletion. New material
    /// that waits for RotateKeyOnDemand is not yet permanently associated with the key (the developer guide, "Delete
    /// imported key material"): it is dropped, the key stays usable, and other new material may be imported instead.
    /// </summary>
    public static void Delete(StoredKey key, StoredKeyMaterial material)
    {
        CryptographicOperations.ZeroMemory(material.Secret);
        material.Secret = [];
        material.ImportState = PendingImport;
        if (material.PendingRotation)
        {
            key.Materials.Remove(material);
            return;
        }
        if (!KeyStates.IsPendingDeletion(key.KeyState) && key.KeyState != KeyStates.Creating) key.KeyState = KeyStates.PendingImport;
    }

    /// <summary>The earliest time a present material of the key expires; null when none does.</summary>
    public static DateTimeOffset? ExpiryDue(StoredKey key) =>
        key.IsExternal ? key.Materials.Where(m => m.IsPresent && m.ExpirationModel == Expires).Min(m => m.ValidTo) : null;

    public static void DeleteExpired(StoredKey key, DateTimeOffset now)
    {
        foreach (var material in key.Materials.Where(m => m.IsPresent && m.ExpirationModel == Expires && m.ValidTo <= now).ToList()) Delete(key, material);
    }

    /// <summary>The lengths AWS accepts for imported HMAC key material, in bytes.</summary>
    private static (int Min, int Max) HmacLength(string spec) => spec switch
    {
        "HMAC_224" => (28, 64),
        "HMAC_256" => (32, 64),
        "HMAC_384" => (48, 128),
        _ => (64, 128),
    };

    private static void Import(AsymmetricAlgorithm key, byte[] pkcs8, KmsKeySpec spec)
    {
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out var read);
            if (read != pkcs8.Length) throw new CryptographicException();
        }
        catch (CryptographicException)
        {
            throw Incorrect($"Key material for a {spec.Name} key must be a DER-encoded PKCS#8 private key.");
        }
    }

    private static bool SameCurve(ECDsa ecdsa, KmsKeySpec spec)
    {
        var oid = ecdsa.ExportParameters(false).Curve.Oid.Value;
        return oid == spec.Name switch
        {
            "ECC_NIST_P256" => "1.2.840.10045.3.1.7",
            "ECC_NIST_P384" => "1.3.132.0.34",
            "ECC_NIST_P521" => "1.3.132.0.35",
            "ECC_SECG_P256K1" => "1.3.132.0.10",
            _ => null,
        };
    }

    private static KmsErrorException Incorrect(string message) => KmsErrors.IncorrectKeyMaterial(message);
}
