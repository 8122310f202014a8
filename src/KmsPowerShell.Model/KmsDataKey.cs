using System.Security;

namespace KmsPowerShell;

/// <summary>A data key from New-KmsDataKey: its encrypted copy, and its plaintext unless -WithoutPlaintext.</summary>
public sealed class KmsDataKey : KmsKeyRecord
{
    internal KmsDataKey(string keyArn, string region, byte[] ciphertextBlob) : base(keyArn, region) => CiphertextBlob = ciphertextBlob;

    /// <summary>The encrypted data key: store it beside the data, and Unprotect-KmsData gives the plaintext back.</summary>
    public byte[] CiphertextBlob { get; }

    /// <summary>The encrypted data key as base64 text.</summary>
    public string Ciphertext => Convert.ToBase64String(CiphertextBlob);

    /// <summary>The plaintext data key as a SecureString holding its base64 text (null with -WithoutPlaintext or -AsByteArray).</summary>
    public SecureString? Plaintext { get; internal init; }

    /// <summary>The plaintext data key bytes, only with -AsByteArray. Zero them after use.</summary>
    public byte[]? PlaintextBytes { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => $"KmsDataKey under {KeyArn}";
}
