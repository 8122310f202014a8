using System.Security.Cryptography;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// The private key of an ML-KEM KMS key (FIPS 203), stored as PKCS#8, and the KEM itself, all BouncyCastle's: key
/// generation, the public key as SubjectPublicKeyInfo (id-alg-ml-kem-512/768/1024, 2.16.840.1.101.3.4.4.1/2/3),
/// encapsulation and decapsulation with implicit rejection.
/// </summary>
internal sealed class MlKemKey
{
    /// <summary>The shared secret of every ML-KEM parameter set: 32 bytes.</summary>
    public const int SecretBytes = 32;

    private readonly MLKemPrivateKeyParameters _key;

    private MlKemKey(MLKemPrivateKeyParameters key) => _key = key;

    public static MLKemParameters Parameters(string keySpec) => keySpec switch
    {
        "ML_KEM_512" => MLKemParameters.ml_kem_512,
        "ML_KEM_768" => MLKemParameters.ml_kem_768,
        "ML_KEM_1024" => MLKemParameters.ml_kem_1024,
        _ => throw new ArgumentException($"{keySpec} is no ML-KEM key spec.", nameof(keySpec)),
    };

    /// <summary>New key material: the PKCS#8 of a fresh key pair.</summary>
    public static byte[] Generate(KmsKeySpec spec)
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new SecureRandom(), Parameters(spec.Name)));
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(generator.GenerateKeyPair().Private).GetDerEncoded();
    }

    public static MlKemKey Load(StoredKeyMaterial material) =>
        new(PrivateKeyFactory.CreateKey(material.Secret) as MLKemPrivateKeyParameters
            ?? throw new InvalidOperationException("The key material is not an ML-KEM private key."));

    /// <summary>The key of the FIPS 203 seed d || z (64 bytes): ML-KEM.KeyGen_internal, for known-answer tests.</summary>
    internal static MlKemKey FromSeed(string keySpec, byte[] seed) => new(MLKemPrivateKeyParameters.FromSeed(Parameters(keySpec), seed));

    /// <summary>The encapsulation key (FIPS 203 ek): the public key's raw bytes.</summary>
    internal byte[] EncapsulationKey => _key.GetPublicKeyEncoded();

    /// <summary>The decapsulation key (FIPS 203 dk).</summary>
    internal byte[] DecapsulationKey => _key.GetEncoded();

    /// <summary>The ciphertext length of this parameter set: 768, 1088 or 1568 bytes.</summary>
    public int CiphertextBytes => _key.Parameters.ParameterSet.EncapsulationLength;

    /// <summary>
    /// The private key as PKCS#8 in seed format (the 64-byte seed d || z alone, the same length for every parameter set),
    /// as AWS documents for ML-KEM data key pairs; the key material of a KMS key keeps the expanded key too.
    /// </summary>
    public byte[] SeedPkcs8() =>
        PrivateKeyInfoFactory.CreatePrivateKeyInfo(_key.WithPreferredFormat(MLKemPrivateKeyParameters.Format.SeedOnly)).GetDerEncoded();

    /// <summary>The public key as DER SubjectPublicKeyInfo, as GetPublicKey returns it.</summary>
    public byte[] PublicKey() => SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_key.GetPublicKey()).GetDerEncoded();

    /// <summary>The key of a FIPS 203 decapsulation key dk, as known-answer vectors give it.</summary>
    internal static MlKemKey FromDecapsulationKey(string keySpec, byte[] decapsulationKey) =>
        new(MLKemPrivateKeyParameters.FromEncoding(Parameters(keySpec), decapsulationKey));

    /// <summary>A new shared secret and its ciphertext; <paramref name="random"/> supplies the message m (tests fix it).</summary>
    public (byte[] Secret, byte[] Ciphertext) Encapsulate(SecureRandom? random = null)
    {
        var encapsulator = new MLKemEncapsulator(_key.Parameters);
        encapsulator.Init(new ParametersWithRandom(_key.GetPublicKey(), random ?? new SecureRandom()));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var secret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, 0, ciphertext.Length, secret, 0, secret.Length);
        return (secret, ciphertext);
    }

    /// <summary>
    /// The shared secret of a ciphertext of the right length. A ciphertext made for another key or altered gives a
    /// pseudo-random secret, never an error (implicit rejection), as AWS documents for Decapsulate.
    /// </summary>
    public byte[] Decapsulate(byte[] ciphertext)
    {
        if (ciphertext.Length != CiphertextBytes) throw new CryptographicException("The ciphertext's length does not fit the key.");
        var decapsulator = new MLKemDecapsulator(_key.Parameters);
        decapsulator.Init(_key);
        var secret = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(ciphertext, 0, ciphertext.Length, secret, 0, secret.Length);
        return secret;
    }
}
