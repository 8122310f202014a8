using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>Makes and encrypts a data key for a new message, and decrypts one of a message's encrypted data keys.</summary>
internal interface IKeyring
{
    /// <summary>At most this many encrypted data keys will be made; known before any call so limits fail early.</summary>
    int EncryptedDataKeyCount { get; }

    Task<DataKeyMaterials> GenerateAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext, CancellationToken cancellationToken);

    Task<DecryptedDataKey> DecryptAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext,
        IReadOnlyList<EncryptedDataKey> encryptedDataKeys, CancellationToken cancellationToken);
}
