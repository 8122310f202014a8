using System.Security.Cryptography;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>RSAES-OAEP as KMS does it for RSA ENCRYPT_DECRYPT keys: MGF1 with the same hash as OAEP, an empty label.</summary>
internal static class RsaOaep
{
    public static RSAEncryptionPadding Padding(string algorithm) =>
        algorithm == KmsAlgorithms.RsaesOaepSha1 ? RSAEncryptionPadding.OaepSHA1 : RSAEncryptionPadding.OaepSHA256;

    /// <summary>The largest plaintext: the modulus bytes less twice the hash and 2 (214/190 bytes for RSA_2048, 470/446 for RSA_4096).</summary>
    public static int MaxPlaintextBytes(int modulusBits, string algorithm) =>
        modulusBits / 8 - 2 * (algorithm == KmsAlgorithms.RsaesOaepSha1 ? 20 : 32) - 2;
}
