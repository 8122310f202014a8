using System.Security.Cryptography;

namespace KmsPowerShell;

/// <summary>The public key of an asymmetric KMS key, from Get-KmsPublicKey.</summary>
public sealed class KmsPublicKey : KmsKeyRecord
{
    internal KmsPublicKey(string keyArn, string region, string keySpec, string keyUsage, byte[] publicKey) : base(keyArn, region)
    {
        KeySpec = keySpec;
        KeyUsage = keyUsage;
        PublicKey = publicKey;
    }

    /// <summary>RSA_2048, ECC_NIST_P256, ...</summary>
    public string KeySpec { get; }

    /// <summary>SIGN_VERIFY, ENCRYPT_DECRYPT or KEY_AGREEMENT.</summary>
    public string KeyUsage { get; }

    /// <summary>The signing algorithms of a SIGN_VERIFY key.</summary>
    public IReadOnlyList<string> SigningAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The encryption algorithms of an ENCRYPT_DECRYPT key.</summary>
    public IReadOnlyList<string> EncryptionAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The key agreement algorithms of a KEY_AGREEMENT key.</summary>
    public IReadOnlyList<string> KeyAgreementAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The key encapsulation algorithms of an ML-KEM key (ML_KEM).</summary>
    public IReadOnlyList<string> EncapsulationAlgorithms { get; internal init; } = Array.Empty<string>();

    /// <summary>The public key as DER SubjectPublicKeyInfo (RFC 5280).</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as PEM text ("-----BEGIN PUBLIC KEY-----"), as openssl reads it.</summary>
    public string Pem => new(PemEncoding.Write("PUBLIC KEY", PublicKey));

    /// <inheritdoc />
    public override string ToString() => Pem;
}
