using System.Security.Cryptography;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Signing;

/// <summary>The hash each KMS signing algorithm signs, for messages hashed here and sent as DIGEST.</summary>
public static class SigningDigests
{
    /// <summary>The hash of an RSA or ECDSA signing algorithm; null for one we cannot hash here (SM2DSA, ML-DSA, Ed25519).</summary>
    public static HashAlgorithmName? HashOf(string algorithm) => SigningAlgorithm.Find(algorithm)?.Hash;

    /// <summary>The digest length a DIGEST message must have for the algorithm; null when unknown.</summary>
    public static int? DigestBytes(string algorithm) => SigningAlgorithm.Find(algorithm)?.DigestBytes;

    public static byte[] Hash(string algorithm, byte[] message) =>
        (SigningAlgorithm.Find(algorithm) ?? throw Unsupported(algorithm)).HashOf(message);

    internal static KmsArgumentException Unsupported(string algorithm) =>
        new("SigningAlgorithmUnsupported", $"{algorithm} cannot be computed here: only RSA and ECDSA algorithms are hashed or verified locally.");
}
