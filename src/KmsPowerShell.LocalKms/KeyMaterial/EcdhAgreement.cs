using KmsPowerShell.LocalKms.State;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>
/// ECDH (the cofactor primitive of NIST SP 800-56A, ECC CDH) between the private key of a KEY_AGREEMENT KMS key and a
/// peer's public key, BouncyCastle's, so the NIST curves and SM2 (sm2p256v1, which .NET lacks) take the same path. The
/// secret is the x coordinate of the shared point, as many bytes as the field has, as AWS returns it.
/// </summary>
internal static class EcdhAgreement
{
    /// <summary>The shared secret; <see cref="PeerKeyException"/> for a public key that is malformed or on another curve.</summary>
    public static byte[] Derive(StoredKeyMaterial material, byte[] peerSubjectPublicKeyInfo)
    {
        var own = PrivateKeyFactory.CreateKey(material.Secret) as ECPrivateKeyParameters
            ?? throw new InvalidOperationException("The key material is not an EC private key.");
        var peer = ReadPeer(peerSubjectPublicKeyInfo);
        if (!peer.Parameters.Equals(own.Parameters)) throw new PeerKeyException(PeerKeyProblem.OtherCurve);
        var agreement = new ECDHCBasicAgreement();
        agreement.Init(own);
        try
        {
            return BigIntegers.AsUnsignedByteArray(agreement.GetFieldSize(), agreement.CalculateAgreement(peer));
        }
        catch (InvalidOperationException)
        {
            // The shared point is at infinity: a public key of small order, which no honest peer sends.
            throw new PeerKeyException(PeerKeyProblem.Malformed);
        }
    }

    private static ECPublicKeyParameters ReadPeer(byte[] subjectPublicKeyInfo)
    {
        try
        {
            // PublicKeyFactory validates the point: on the curve and not at infinity.
            return PublicKeyFactory.CreateKey(subjectPublicKeyInfo) as ECPublicKeyParameters ?? throw new PeerKeyException(PeerKeyProblem.NotElliptic);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or SecurityUtilityException
                                    or Org.BouncyCastle.Asn1.Asn1Exception or InvalidOperationException)
        {
            throw new PeerKeyException(PeerKeyProblem.Malformed);
        }
    }
}

/// <summary>What is wrong with a peer's public key.</summary>
internal enum PeerKeyProblem
{
    /// <summary>Not a DER SubjectPublicKeyInfo, or a point that is not on its curve.</summary>
    Malformed,
    /// <summary>A valid public key of another algorithm (RSA, ML-KEM...).</summary>
    NotElliptic,
    /// <summary>A valid EC public key on another curve than the KMS key's.</summary>
    OtherCurve,
}

internal sealed class PeerKeyException(PeerKeyProblem problem) : Exception($"The peer public key is unusable: {problem}.")
{
    public PeerKeyProblem Problem { get; } = problem;
}
