namespace KmsPowerShell.Engine.Encryption;

/// <summary>What every KMS cryptographic call may carry besides the key: encryption context and grant tokens.</summary>
public sealed record KmsCipherOptions(
    IReadOnlyDictionary<string, string> EncryptionContext,
    IReadOnlyList<string> GrantTokens,
    string? EncryptionAlgorithm = null)
{
    public static KmsCipherOptions None { get; } = new(new Dictionary<string, string>(), []);

    internal Dictionary<string, string>? ContextOrNull => EncryptionContext.Count == 0 ? null : new Dictionary<string, string>(EncryptionContext);

    internal List<string>? GrantTokensOrNull => GrantTokens.Count == 0 ? null : GrantTokens.ToList();
}

/// <summary>The result of Encrypt, ReEncrypt or GenerateDataKeyWithoutPlaintext: an opaque KMS ciphertext blob.</summary>
public sealed record KmsCiphertext(byte[] Blob, string KeyArn);

/// <summary>Decrypted bytes. The caller owns them and must zero them (CryptographicOperations.ZeroMemory) after use.</summary>
public sealed record KmsPlaintext(byte[] Bytes, string KeyArn);
