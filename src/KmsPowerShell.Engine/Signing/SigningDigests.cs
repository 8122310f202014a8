using System.Security.Cryptography;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Signing;

/// <summary>The hash each KMS signing algorithm signs, for messages hashed here and sent as DIGEST.</summary>
public static class SigningDigests
{
    /// <summary>
    /// The hash of a signing algorithm whose DIGEST is a plain hash of the message: RSA, ECDSA and ED25519_PH_SHA_512
    /// (SHA-512); null for those whose digest needs the key (SM2DSA's Z, ML-DSA's μ) or that take no digest (ED25519_SHA_512).
    /// </summary>
    public static HashAlgorithmName? HashOf(string algorithm) =>
        algorithm == "ED25519_PH_SHA_512" ? HashAlgorithmName.SHA512 : SigningAlgorithm.Find(algorithm)?.Hash;

    /// <summary>The length a DIGEST message must have for the algorithm; null when unknown or when it takes no DIGEST.</summary>
    public static int? DigestBytes(string algorithm) => SigningMessageTypes.ExactBytes(algorithm, SigningMessageTypes.Digest);

    public static byte[] Hash(string algorithm, byte[] message) => HashOf(algorithm)?.Name switch
    {
        "SHA256" => SHA256.HashData(message),
        "SHA384" => SHA384.HashData(message),
        "SHA512" => SHA512.HashData(message),
        _ => throw Unsupported(algorithm),
    };

    internal static KmsArgumentException Unsupported(string algorithm) =>
        new("SigningAlgorithmUnsupported", $"{algorithm} cannot be computed here: only RSA, ECDSA and ED25519_PH_SHA_512 messages are hashed locally.");
}
