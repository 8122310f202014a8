namespace KmsPowerShell.Vocabulary;

/// <summary>
/// The MessageType values of Sign and Verify, and which of them each signing algorithm takes, as the KMS API reference
/// says: RSA, ECDSA and SM2DSA take RAW and DIGEST; ED25519_SHA_512 only RAW and ED25519_PH_SHA_512 only DIGEST (its
/// SHA-512 prehash); ML_DSA_SHAKE_256 RAW and EXTERNAL_MU (the 64-byte μ of FIPS 204), never DIGEST.
/// </summary>
public static class SigningMessageTypes
{
    /// <summary>The message itself: KMS hashes it as the algorithm says.</summary>
    public const string Raw = "RAW";
    /// <summary>The message's digest, signed as it is.</summary>
    public const string Digest = "DIGEST";
    /// <summary>ML-DSA's message representative μ (FIPS 204, 6.2), 64 bytes.</summary>
    public const string ExternalMu = "EXTERNAL_MU";

    /// <summary>Every MessageType value the API accepts, in the API's order.</summary>
    public static IReadOnlyList<string> All { get; } = [Raw, Digest, ExternalMu];

    /// <summary>The length of ML-DSA's μ, which is what EXTERNAL_MU sends.</summary>
    public const int MuBytes = 64;

    /// <summary>The message types <paramref name="algorithm"/> takes.</summary>
    public static IReadOnlyList<string> For(string algorithm) => algorithm switch
    {
        "ED25519_SHA_512" => [Raw],
        "ED25519_PH_SHA_512" => [Digest],
        "ML_DSA_SHAKE_256" => [Raw, ExternalMu],
        _ => [Raw, Digest],
    };

    /// <summary>
    /// The exact length a message of <paramref name="messageType"/> must have for <paramref name="algorithm"/> (the digest
    /// or μ); null for RAW, which takes 1 to 4096 bytes, and for an algorithm that is not known.
    /// </summary>
    public static int? ExactBytes(string algorithm, string messageType) => messageType switch
    {
        ExternalMu => MuBytes,
        Digest => algorithm switch
        {
            "SM2DSA" => 32,
            "ED25519_PH_SHA_512" => 64,
            _ => SigningAlgorithm.Find(algorithm)?.DigestBytes,
        },
        _ => null,
    };
}
