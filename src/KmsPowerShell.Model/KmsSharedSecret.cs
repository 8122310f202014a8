using System.Security;

namespace KmsPowerShell;

/// <summary>
/// A shared secret from Get-KmsSharedSecret (ECDH between a KEY_AGREEMENT key and a peer's public key) or from
/// Unprotect-KmsEncapsulatedSecret (an ML-KEM ciphertext decapsulated). Both parties hold the same secret: derive
/// keys from it (HKDF) rather than using it directly.
/// </summary>
public sealed class KmsSharedSecret : KmsKeyRecord
{
    internal KmsSharedSecret(string keyArn, string region, string algorithm) : base(keyArn, region) => Algorithm = algorithm;

    /// <summary>ECDH (key agreement) or ML_KEM (key encapsulation).</summary>
    public string Algorithm { get; }

    /// <summary>Where the key's material came from (AWS_KMS or EXTERNAL); DeriveSharedSecret only, empty otherwise.</summary>
    public string KeyOrigin { get; internal init; } = "";

    /// <summary>The secret as a SecureString holding its base64 text (null with -AsByteArray).</summary>
    public SecureString? SharedSecret { get; internal init; }

    /// <summary>The secret's bytes, only with -AsByteArray. Zero them after use.</summary>
    public byte[]? SharedSecretBytes { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"KmsSharedSecret ({Algorithm}) of {KeyArn}";
}
