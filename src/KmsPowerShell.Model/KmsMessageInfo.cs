namespace KmsPowerShell;

/// <summary>What an encrypted message says about itself (never its plaintext): for -Verbose and for inspection.</summary>
public sealed class KmsMessageInfo
{
    internal KmsMessageInfo(string messageId, int formatVersion, KmsAlgorithmSuite algorithmSuite, bool isFramed, int frameLength,
        IReadOnlyList<KmsEncryptedDataKeyInfo> encryptedDataKeys, IReadOnlyDictionary<string, string> encryptionContext)
    {
        MessageId = messageId;
        FormatVersion = formatVersion;
        AlgorithmSuite = algorithmSuite;
        IsFramed = isFramed;
        FrameLength = frameLength;
        EncryptedDataKeys = encryptedDataKeys;
        EncryptionContext = encryptionContext;
    }

    /// <summary>The message id, in lowercase hex.</summary>
    public string MessageId { get; }

    /// <summary>1 or 2.</summary>
    public int FormatVersion { get; }

    /// <summary>The algorithm suite.</summary>
    public KmsAlgorithmSuite AlgorithmSuite { get; }

    /// <summary>The suite id as written in the header, such as 0x0578.</summary>
    public string AlgorithmSuiteId => $"0x{(int)AlgorithmSuite:X4}";

    /// <summary>False for the legacy single-block body.</summary>
    public bool IsFramed { get; }

    /// <summary>The plaintext bytes per frame; 0 when not framed.</summary>
    public int FrameLength { get; }

    /// <summary>The encrypted data keys: who can decrypt the message.</summary>
    public IReadOnlyList<KmsEncryptedDataKeyInfo> EncryptedDataKeys { get; }

    /// <summary>The KMS key ARNs among the encrypted data keys.</summary>
    public IReadOnlyList<string> KeyArns => EncryptedDataKeys.Where(k => k.ProviderId == "aws-kms").Select(k => k.ProviderInfo).ToArray();

    /// <summary>The encryption context stored in the message, aws-crypto-public-key included.</summary>
    public IReadOnlyDictionary<string, string> EncryptionContext { get; }

    /// <summary>The key whose encrypted data key was used, after a decryption.</summary>
    public string? DecryptedWithKeyArn { get; internal set; }

    /// <summary>Plaintext bytes written or read, once the whole message is done.</summary>
    public long? PlaintextLength { get; internal set; }

    /// <summary>True when an encryption reused a data key from the session's data key cache (-DataKeyCache).</summary>
    public bool DataKeyFromCache { get; internal set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"Message {MessageId}: version {FormatVersion}, suite {AlgorithmSuiteId}, " +
        (IsFramed ? $"frames of {FrameLength} bytes" : "not framed") + $", keys {string.Join(", ", EncryptedDataKeys.Select(k => k.ProviderInfo))}";
}
