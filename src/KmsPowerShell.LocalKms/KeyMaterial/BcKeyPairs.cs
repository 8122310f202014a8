using KmsPowerShell.Vocabulary;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// New Ed25519, ML-DSA and SM2 key pairs (BouncyCastle; .NET 8 has none of them), stored as PKCS#8 DER: Ed25519 with
/// id-Ed25519 (RFC 8410), ML-DSA with id-ml-dsa-44/65/87, SM2 with id-ecPublicKey and the named curve sm2p256v1
/// (1.2.156.10197.1.301), which is what the key agreement and the SM2 key's public key read.
/// </summary>
internal static class BcKeyPairs
{
    private static readonly SecureRandom Random = new();

    /// <summary>SM2's curve with its OID, so keys carry the name rather than explicit parameters.</summary>
    public static ECNamedDomainParameters Sm2Curve { get; } =
        new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));

    public static byte[] NewPkcs8(KmsKeySpec spec)
    {
        if (spec.Family == KmsKeyFamily.MlDsa)
        {
            var seed = new byte[MlDsaSeedBytes];
            Random.NextBytes(seed);
            try
            {
                return MlDsaPkcs8FromSeed(spec.Name, seed);
            }
            finally
            {
                Array.Clear(seed);
            }
        }
        IAsymmetricCipherKeyPairGenerator generator = spec.Family switch
        {
            KmsKeyFamily.Ed25519 => new Ed25519KeyPairGenerator(),
            KmsKeyFamily.Sm2 => new ECKeyPairGenerator(),
            _ => throw new ArgumentException($"{spec.Name} is not made with BouncyCastle.", nameof(spec)),
        };
        generator.Init(spec.Family == KmsKeyFamily.Ed25519 ? new Ed25519KeyGenerationParameters(Random) : new ECKeyGenerationParameters(Sm2Curve, Random));
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(generator.GenerateKeyPair().Private).GetDerEncoded();
    }

    /// <summary>
    /// An Ed25519 private key as PKCS#8 version 1 (RFC 8410, section 7): the private key alone, as openssl writes it.
    /// BouncyCastle's own encoding adds the public key (version 2), which some readers refuse.
    /// </summary>
    public static byte[] Ed25519Pkcs8WithoutPublicKey(Ed25519PrivateKeyParameters key)
    {
        var privateKey = key.GetEncoded();
        try
        {
            return new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DerOctetString(privateKey)).GetDerEncoded();
        }
        finally
        {
            Array.Clear(privateKey);
        }
    }

    /// <summary>The length of ML-DSA's key generation seed ξ (FIPS 204, Algorithm 1).</summary>
    public const int MlDsaSeedBytes = 32;

    /// <summary>An ML-DSA key made from its seed ξ (ML-DSA.KeyGen_internal), as PKCS#8: what the known-answer tests check.</summary>
    public static byte[] MlDsaPkcs8FromSeed(string spec, byte[] seed) =>
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(MLDsaPrivateKeyParameters.FromSeed(MlDsaParameters(spec), seed)).GetDerEncoded();

    /// <summary>
    /// Imported material for an Ed25519, ML-DSA or SM2 key as the local KMS keeps it (PKCS#8, re-encoded); null when it is
    /// not a PKCS#8 private key of the spec's kind (Ed25519, the spec's ML-DSA parameter set, the SM2 curve).
    /// </summary>
    public static byte[]? Normalize(KmsKeySpec spec, byte[] pkcs8)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(pkcs8);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or InvalidOperationException or SecurityUtilityException)
        {
            return null;
        }
        var fits = (spec.Family, key) switch
        {
            (KmsKeyFamily.Ed25519, Ed25519PrivateKeyParameters) => true,
            (KmsKeyFamily.MlDsa, MLDsaPrivateKeyParameters mlDsa) => mlDsa.Parameters == MlDsaParameters(spec.Name),
            (KmsKeyFamily.Sm2, ECPrivateKeyParameters { Parameters: ECNamedDomainParameters curve }) => curve.Name.Equals(GMObjectIdentifiers.sm2p256v1),
            _ => false,
        };
        return fits ? PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetDerEncoded() : null;
    }

    public static MLDsaParameters MlDsaParameters(string spec) => spec switch
    {
        "ML_DSA_44" => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_44,
        "ML_DSA_65" => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_65,
        "ML_DSA_87" => Org.BouncyCastle.Crypto.Parameters.MLDsaParameters.ml_dsa_87,
        _ => throw new ArgumentException($"{spec} is not an ML-DSA spec.", nameof(spec)),
    };
}
