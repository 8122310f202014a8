using System.Security;

namespace KmsPowerShell;

/// <summary>
/// A new shared secret from New-KmsEncapsulatedSecret (ML-KEM Encapsulate) and its ciphertext: send the ciphertext to
/// the key's owner, whose Unprotect-KmsEncapsulatedSecret recovers the same secret.
/// </summary>
public sealed class KmsEncapsulatedSecret : KmsKeyRecord
{
    internal KmsEncapsulatedSecret(string keyArn, string region, string algorithm, byte[] ciphertextBlob) : base(keyArn, region)
    {
        Algorithm = algorithm;
        CiphertextBlob = ciphertextBlob;
    }

    /// <summary>The key encapsulation algorithm: ML_KEM.</summary>
    public string Algorithm { get; }

    /// <summary>The encapsulated secret (768, 1088 or 1568 bytes for ML_KEM_512, _768 and _1024): safe to send.</summary>
    public byte[] CiphertextBlob { get; }

    /// <summary>The ciphertext as base64 text.</summary>
    public string Ciphertext => Convert.ToBase64String(CiphertextBlob);

    /// <summary>The secret as a SecureString holding its base64 text (null with -AsByteArray).</summary>
    public SecureString? SharedSecret { get; internal init; }

    /// <summary>The secret's bytes, only with -AsByteArray. Zero them after use.</summary>
    public byte[]? SharedSecretBytes { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"KmsEncapsulatedSecret ({Algorithm}) of {KeyArn}";
}
