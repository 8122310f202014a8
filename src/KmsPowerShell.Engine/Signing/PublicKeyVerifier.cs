using System.Security.Cryptography;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Signing;

/// <summary>Verifies KMS signatures with the key's public key, with no KMS call: RSA PKCS#1 v1.5 and PSS, ECDSA with DER signatures.</summary>
public static class PublicKeyVerifier
{
    /// <summary>Whether <paramref name="signature"/> is valid for <paramref name="digest"/>; a malformed signature is not valid.</summary>
    public static bool Verify(KmsPublicKey key, string algorithm, byte[] digest, byte[] signature)
    {
        var spec = SigningAlgorithm.Find(algorithm) ?? throw SigningDigests.Unsupported(algorithm);
        try
        {
            if (spec.RsaPadding is { } padding)
            {
                using var rsa = RSA.Create();
                rsa.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
                return rsa.VerifyHash(digest, signature, spec.Hash, padding);
            }
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
            return ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
