using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>The key-state and key-usage checks of AWS's key state table.</summary>
internal static class KeyGuard
{
    /// <summary>Cryptographic operations: a disabled key is DisabledException, a key pending deletion KMSInvalidStateException.</summary>
    public static void RequireEnabled(StoredKey key)
    {
        if (key.KeyState == KeyStates.Disabled) throw KmsErrors.Disabled(key.Arn);
        RequireNotPendingDeletion(key);
        RequireMaterialAvailable(key);
    }

    /// <summary>A key whose material cannot be used: Origin EXTERNAL without material (never imported, deleted or expired), or a key of a disconnected custom key store.</summary>
    public static void RequireMaterialAvailable(StoredKey key)
    {
        if (key.KeyState == KeyStates.PendingImport) throw KmsErrors.InvalidState($"{key.Arn} is pending import.");
        if (key.KeyState == KeyStates.Unavailable) throw KmsErrors.InvalidState($"{key.Arn} is unavailable: its custom key store is not connected.");
    }

    /// <summary>Also refuses a replica still being created (KMSInvalidStateException, as for every state but Enabled and Disabled).</summary>
    public static void RequireNotPendingDeletion(StoredKey key)
    {
        if (key.KeyState == KeyStates.Creating) throw KmsErrors.InvalidState($"{key.Arn} is in Creating state.");
        if (KeyStates.IsPendingDeletion(key.KeyState))
        {
            throw KmsErrors.InvalidState($"{key.Arn} is pending deletion.");
        }
    }

    /// <summary>
    /// Descriptions, tags and aliases: refused only while the key is pending deletion. A replica being created can be
    /// managed so ("While the key state is Creating, you can manage key, but you cannot yet use it", ReplicateKey's reference).
    /// </summary>
    public static void RequireManageable(StoredKey key)
    {
        if (key.KeyState != KeyStates.Creating) RequireNotPendingDeletion(key);
    }

    /// <summary>
    /// The key a cryptographic operation names, checked in KMS's order: access, enabled, usage, then whether its spec offers
    /// <paramref name="algorithm"/> for that usage (<paramref name="offered"/>: the spec's algorithms of the operation's family).
    /// </summary>
    public static StoredKey UsableKey(OperationContext context, string keyId, string action, string usage, string algorithm,
        Func<KmsKeySpec, string, IReadOnlyList<string>> offered)
    {
        var key = context.KeyFor(keyId, action, allowAlias: true);
        RequireEnabled(key);
        RequireUsage(key, usage, action);
        if (!offered(KeySpecCatalog.Of(key), key.KeyUsage).Contains(algorithm)) throw KmsErrors.IncompatibleAlgorithm(algorithm, key.KeySpec);
        return key;
    }

    public static void RequireUsage(StoredKey key, string usage, string operation)
    {
        if (key.KeyUsage != usage)
        {
            throw KmsErrors.InvalidKeyUsage($"{key.Arn} key usage is {key.KeyUsage} which is not valid for {operation}.");
        }
    }

    public static void RequireSymmetric(StoredKey key, string operation)
    {
        RequireUsage(key, KmsKeyUsages.EncryptDecrypt, operation);
        if (key.KeySpec != KmsKeySpec.SymmetricDefault)
        {
            throw KmsErrors.InvalidKeyUsage(AsymmetricKeyMessages.GetValueOrDefault(operation)
                ?? $"{key.Arn} key spec is {key.KeySpec}; {operation} needs a symmetric encryption KMS key.");
        }
    }

    /// <summary>AWS's own text for an asymmetric ENCRYPT_DECRYPT key, where it is known (recorded SDK exceptions).</summary>
    private static readonly Dictionary<string, string> AsymmetricKeyMessages = new(StringComparer.Ordinal)
    {
        ["GenerateDataKey"] = "You cannot generate a data key with an asymmetric CMK",
        ["GenerateDataKeyWithoutPlaintext"] = "You cannot generate a data key with an asymmetric CMK",
    };

    public static void RequireSymmetricAlgorithm(StoredKey key, string? algorithm)
    {
        if (algorithm is not null && algorithm != KmsAlgorithms.SymmetricDefault)
        {
            throw KmsErrors.InvalidKeyUsage($"Algorithm {algorithm} is incompatible with key spec {key.KeySpec}.");
        }
    }
}
