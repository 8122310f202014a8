using KmsPowerShell.Engine.Messages.Caching;

namespace KmsPowerShell.Engine.Messages;

/// <summary>How Protect-KmsData writes a message.</summary>
public sealed class KmsEncryptOptions
{
    public const int DefaultFrameLength = 4096;

    /// <summary>The KMS keys, in any form (key id, key ARN, alias name, alias ARN): the first generates the data key,
    /// each further key encrypts it once more. An ARN's region is where its call goes; other forms use the session's.</summary>
    public IReadOnlyList<string> KeyIds { get; init; } = [];

    /// <summary>Null: 0x0578, or 0x0378 under <see cref="KmsCommitmentPolicy.ForbidEncryptAllowDecrypt"/>.</summary>
    public KmsAlgorithmSuite? AlgorithmSuite { get; init; }

    /// <summary>Plaintext bytes per frame, 1 to 2^31-1.</summary>
    public int FrameLength { get; init; } = DefaultFrameLength;

    /// <summary>Stored in the message and bound to it; keys must not start with aws-crypto-.</summary>
    public IReadOnlyDictionary<string, string> EncryptionContext { get; init; } = new Dictionary<string, string>();

    public KmsCommitmentPolicy CommitmentPolicy { get; init; } = KmsCommitmentPolicy.RequireEncryptRequireDecrypt;

    /// <summary>Refuse to make more encrypted data keys than this; null for no limit.</summary>
    public int? MaxEncryptedDataKeys { get; init; }

    /// <summary>
    /// Reuse data keys from the session's data key cache within these limits (messages of known length only: files
    /// and bytes); null to make a data key for every message.
    /// </summary>
    public DataKeyCacheLimits? DataKeyCache { get; init; }

    internal KmsAlgorithmSuite EffectiveSuite => AlgorithmSuite ?? (CommitmentPolicy == KmsCommitmentPolicy.ForbidEncryptAllowDecrypt
        ? KmsAlgorithmSuite.Aes256GcmHkdfSha384EcdsaP384
        : KmsAlgorithmSuite.Aes256GcmHkdfSha512CommitKeyEcdsaP384);
}
