using System.Security.Cryptography;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>Computes the MAC algorithms of HMAC KMS keys (KmsAlgorithms.Mac names them).</summary>
internal static class MacAlgorithms
{
    public static byte[] Compute(string algorithm, byte[] key, byte[] message) => algorithm switch
    {
        "HMAC_SHA_224" => HmacSha224.HashData(key, message),
        "HMAC_SHA_256" => HMACSHA256.HashData(key, message),
        "HMAC_SHA_384" => HMACSHA384.HashData(key, message),
        "HMAC_SHA_512" => HMACSHA512.HashData(key, message),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a MAC algorithm."),
    };
}
