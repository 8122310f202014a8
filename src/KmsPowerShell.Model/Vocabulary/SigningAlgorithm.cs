using System.Security.Cryptography;

namespace KmsPowerShell.Vocabulary;

/// <summary>
/// A KMS signing algorithm that is hashed and verified here (<see cref="KmsAlgorithms.Signing"/> names them all): its
/// hash, and the RSA padding (null for ECDSA). PSS uses a salt as long as the digest, as KMS does (and .NET's
/// RSASignaturePadding.Pss).
/// </summary>
public sealed record SigningAlgorithm(string Name, HashAlgorithmName Hash, int DigestBytes, RSASignaturePadding? RsaPadding)
{
    private static readonly Dictionary<string, SigningAlgorithm> Supported = new SigningAlgorithm[]
    {
        new("RSASSA_PSS_SHA_256", HashAlgorithmName.SHA256, 32, RSASignaturePadding.Pss),
        new("RSASSA_PSS_SHA_384", HashAlgorithmName.SHA384, 48, RSASignaturePadding.Pss),
        new("RSASSA_PSS_SHA_512", HashAlgorithmName.SHA512, 64, RSASignaturePadding.Pss),
        new("RSASSA_PKCS1_V1_5_SHA_256", HashAlgorithmName.SHA256, 32, RSASignaturePadding.Pkcs1),
        new("RSASSA_PKCS1_V1_5_SHA_384", HashAlgorithmName.SHA384, 48, RSASignaturePadding.Pkcs1),
        new("RSASSA_PKCS1_V1_5_SHA_512", HashAlgorithmName.SHA512, 64, RSASignaturePadding.Pkcs1),
        new("ECDSA_SHA_256", HashAlgorithmName.SHA256, 32, null),
        new("ECDSA_SHA_384", HashAlgorithmName.SHA384, 48, null),
        new("ECDSA_SHA_512", HashAlgorithmName.SHA512, 64, null),
    }.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The algorithm named <paramref name="name"/> when it is RSA or ECDSA (hashed here); null otherwise.</summary>
    public static SigningAlgorithm? Find(string name) => Supported.GetValueOrDefault(name);

    /// <summary>The digest this algorithm signs for <paramref name="message"/>.</summary>
    public byte[] HashOf(byte[] message) => Hash.Name switch
    {
        "SHA256" => SHA256.HashData(message),
        "SHA384" => SHA384.HashData(message),
        _ => SHA512.HashData(message),
    };
}
