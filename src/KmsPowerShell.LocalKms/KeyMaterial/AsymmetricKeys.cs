using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>Loads the private key of any asymmetric spec: RSA and NIST/SECG ECC through .NET, Ed25519, ML-DSA and SM2 through BouncyCastle.</summary>
internal static class AsymmetricKeys
{
    public static IAsymmetricKey Load(KmsKeySpec spec, StoredKeyMaterial material) =>
        spec.Family is KmsKeyFamily.Rsa or KmsKeyFamily.Ecc ? AsymmetricKey.Load(spec, material) : BcAsymmetricKey.Load(material);
}
