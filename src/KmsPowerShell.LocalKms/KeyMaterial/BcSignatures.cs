using KmsPowerShell.Vocabulary;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// Ed25519, ML-DSA and SM2 signatures as KMS makes them, with BouncyCastle: ED25519_SHA_512 (RAW: pure Ed25519, RFC 8032)
/// and ED25519_PH_SHA_512 (DIGEST: Ed25519ph of the caller's SHA-512 digest, empty context); ML_DSA_SHAKE_256 (RAW: pure
/// ML-DSA with an empty context, hedged; EXTERNAL_MU: from the caller's μ); SM2DSA (RAW: SM3 with Z of the default
/// distinguishing ID 1234567812345678; DIGEST: the caller's e = SM3(Z || M)), DER-encoded (r, s).
/// Public so the engine verifies offline with the same code (Test-KmsSignature -Offline).
/// </summary>
public static class BcSignatures
{
    private static readonly SecureRandom Random = new();

    /// <summary>Whether the signature is valid for a public key given as DER SubjectPublicKeyInfo; a malformed signature is not valid.</summary>
    public static bool Verify(byte[] subjectPublicKeyInfo, string algorithm, string messageType, byte[] message, byte[] signature) =>
        Verify(PublicKeyFactory.CreateKey(subjectPublicKeyInfo), algorithm, messageType, message, signature);

    /// <summary>Whether <paramref name="algorithm"/> is one of those signed and verified here.</summary>
    public static bool Handles(string algorithm) => algorithm is "ED25519_SHA_512" or "ED25519_PH_SHA_512" or "ML_DSA_SHAKE_256" or "SM2DSA";

    internal static byte[] Sign(AsymmetricKeyParameter privateKey, string algorithm, string messageType, byte[] message)
    {
        switch (privateKey, algorithm, messageType)
        {
            case (Ed25519PrivateKeyParameters key, "ED25519_PH_SHA_512", _):
                var signature = new byte[Ed25519.SignatureSize];
                key.Sign(Ed25519.Algorithm.Ed25519ph, [], message, 0, message.Length, signature, 0);
                return signature;
            case (MLDsaPrivateKeyParameters key, _, SigningMessageTypes.ExternalMu):
                return MlDsaExternalMu.Sign(key, message);
            default:
                var signer = SignerFor(privateKey, algorithm, messageType);
                signer.Init(true, privateKey is ECPrivateKeyParameters ? new ParametersWithRandom(privateKey, Random) : privateKey);
                signer.BlockUpdate(message, 0, message.Length);
                return signer.GenerateSignature();
        }
    }

    internal static bool Verify(AsymmetricKeyParameter publicKey, string algorithm, string messageType, byte[] message, byte[] signature)
    {
        try
        {
            switch (publicKey, algorithm, messageType)
            {
                case (Ed25519PublicKeyParameters key, "ED25519_PH_SHA_512", _):
                    return signature.Length == Ed25519.SignatureSize
                        && key.Verify(Ed25519.Algorithm.Ed25519ph, [], message, 0, message.Length, signature, 0);
                case (MLDsaPublicKeyParameters key, _, SigningMessageTypes.ExternalMu):
                    return MlDsaExternalMu.Verify(key, message, signature);
                default:
                    var signer = SignerFor(publicKey, algorithm, messageType);
                    signer.Init(false, publicKey);
                    signer.BlockUpdate(message, 0, message.Length);
                    return signer.VerifySignature(signature);
            }
        }
        catch (Exception e) when (e is CryptoException or ArgumentException or IOException or InvalidCastException)
        {
            return false;
        }
    }

    private static ISigner SignerFor(AsymmetricKeyParameter key, string algorithm, string messageType) => (key, algorithm) switch
    {
        (Ed25519PrivateKeyParameters or Ed25519PublicKeyParameters, "ED25519_SHA_512") => new Ed25519Signer(),
        (MLDsaKeyParameters mlDsa, "ML_DSA_SHAKE_256") => new MLDsaSigner(mlDsa.Parameters, deterministic: false),
        (ECKeyParameters, "SM2DSA") => messageType == SigningMessageTypes.Digest
            ? new SM2Signer(StandardDsaEncoding.Instance, new Sm2PrecomputedDigest())
            : new SM2Signer(),
        _ => throw new InvalidOperationException($"{algorithm} does not fit a {key.GetType().Name} key."),
    };
}
