using System.Security.Cryptography;
using KmsPowerShell.LocalKms.KeyMaterial;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Signing;

/// <summary>
/// Verifies KMS signatures with the key's public key, with no KMS call: RSA PKCS#1 v1.5 and PSS and ECDSA (DER) through
/// .NET; Ed25519, Ed25519ph, ML-DSA (RAW and EXTERNAL_MU) and SM2DSA through the local KMS's <see cref="BcSignatures"/>,
/// the code the local KMS verifies with.
/// </summary>
public static class PublicKeyVerifier
{
    /// <summary>Whether <paramref name="signature"/> is valid for the message as KMS would get it; a malformed signature is not valid.</summary>
    public static bool Verify(KmsPublicKey key, string algorithm, string messageType, byte[] message, byte[] signature)
    {
        if (BcSignatures.Handles(algorithm)) return BcSignatures.Verify(key.PublicKey, algorithm, messageType, message, signature);
        var spec = SigningAlgorithm.Find(algorithm) ?? throw SigningDigests.Unsupported(algorithm);
        var digest = messageType == SigningMessageTypes.Digest ? message : spec.HashOf(message);
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
