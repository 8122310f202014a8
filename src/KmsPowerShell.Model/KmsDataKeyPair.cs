using System.Security;
using System.Security.Cryptography;

namespace KmsPowerShell;

/// <summary>
/// A data key pair from New-KmsDataKeyPair: the public key, the private key encrypted under a symmetric KMS key
/// (Unprotect-KmsData gives it back), and the private key itself only when asked for.
/// </summary>
public sealed class KmsDataKeyPair : KmsKeyRecord
{
    internal KmsDataKeyPair(string keyArn, string region, string keyPairSpec, byte[] publicKey, byte[] privateKeyCiphertextBlob)
        : base(keyArn, region)
    {
        KeyPairSpec = keyPairSpec;
        PublicKey = publicKey;
        PrivateKeyCiphertextBlob = privateKeyCiphertextBlob;
    }

    /// <summary>RSA_2048, ECC_NIST_P256, ...</summary>
    public string KeyPairSpec { get; }

    /// <summary>The public key as DER SubjectPublicKeyInfo.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key as PEM text.</summary>
    public string PublicKeyPem => new(PemEncoding.Write("PUBLIC KEY", PublicKey));

    /// <summary>The private key (PKCS#8 DER) encrypted under the KMS key: store it, and decrypt it when the key is needed.</summary>
    public byte[] PrivateKeyCiphertextBlob { get; }

    /// <summary>The encrypted private key as base64 text.</summary>
    public string PrivateKeyCiphertext => Convert.ToBase64String(PrivateKeyCiphertextBlob);

    /// <summary>The private key as PEM text ("-----BEGIN PRIVATE KEY-----") in a SecureString; only with -IncludePrivateKey.</summary>
    public SecureString? PrivateKey { get; internal init; }

    /// <summary>The private key as PKCS#8 DER bytes; only with -AsByteArray. Zero them after use.</summary>
    public byte[]? PrivateKeyBytes { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"KmsDataKeyPair {KeyPairSpec} under {KeyArn}";
}
