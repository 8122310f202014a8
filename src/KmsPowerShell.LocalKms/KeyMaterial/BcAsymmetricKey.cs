using KmsPowerShell.LocalKms.State;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>The private key of an Ed25519, ML-DSA or SM2 KMS key, loaded from its PKCS#8 material for one operation.</summary>
internal sealed class BcAsymmetricKey : IAsymmetricKey
{
    private BcAsymmetricKey(AsymmetricKeyParameter key) => Key = key;

    public AsymmetricKeyParameter Key { get; }

    public static BcAsymmetricKey Load(StoredKeyMaterial material) => FromPkcs8(material.Secret);

    public static BcAsymmetricKey FromPkcs8(byte[] pkcs8) => new(PrivateKeyFactory.CreateKey(pkcs8));

    public AsymmetricKeyParameter Public => Key switch
    {
        Ed25519PrivateKeyParameters ed25519 => ed25519.GeneratePublicKey(),
        MLDsaPrivateKeyParameters mlDsa => mlDsa.GetPublicKey(),
        ECPrivateKeyParameters ec => new ECPublicKeyParameters(ec.Parameters.G.Multiply(ec.D).Normalize(), ec.Parameters),
        _ => throw new InvalidOperationException($"A {Key.GetType().Name} key has no public key here."),
    };

    public byte[] PublicKey() => SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(Public).GetDerEncoded();

    public byte[] Sign(string algorithm, string messageType, byte[] message) => BcSignatures.Sign(Key, algorithm, messageType, message);

    public bool Verify(string algorithm, string messageType, byte[] message, byte[] signature) =>
        BcSignatures.Verify(Public, algorithm, messageType, message, signature);

    // BouncyCastle's key parameters hold their secrets in arrays they do not expose for clearing; they go with the key object.
    public void Dispose()
    {
    }
}
