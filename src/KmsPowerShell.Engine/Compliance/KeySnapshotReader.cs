using KmsPowerShell.Engine.Admin;
using KmsPowerShell.Engine.Keys;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>
/// Reads what the checks judge about one key: its metadata and aliases (through the scan's <see cref="KmsKeyReader"/>,
/// which lists a region's aliases once), then its tags, policy, grants, rotation and last usage. A part KMS refuses
/// (AccessDenied, or an operation the endpoint does not support) is named in <see cref="KeySnapshot.Unreadable"/>
/// instead of failing the key.
/// </summary>
internal sealed class KeySnapshotReader(KmsSession session, KmsKeyReader keys, TimeProvider time)
{
    private readonly KmsTagAdmin _tags = new(session);
    private readonly KmsPolicyAdmin _policies = new(session);
    private readonly KmsGrantAdmin _grants = new(session);
    private readonly KmsRotationAdmin _rotation = new(session);
    private readonly KmsKeyUsageAdmin _usage = new(session);

    /// <summary>The key's snapshot; null when the key is gone (deleted since the listing) or is AWS managed and not wanted.</summary>
    public async Task<KeySnapshot?> ReadAsync(ComplianceScope scope, KeyRequest request, bool includeAwsManaged, CancellationToken cancellationToken)
    {
        KmsKey key;
        try
        {
            key = await keys.GetAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (KmsServiceException e) when (e.ErrorCode == "NotFoundException")
        {
            return null;
        }
        if (key.KeyManager != "CUSTOMER" && !includeAwsManaged) return null;

        var at = new KeyRequest(key.KeyId, key.Region);
        var unreadable = new Dictionary<string, string>(StringComparer.Ordinal);
        var tags = ReadPart(nameof(KeySnapshot.Tags), () => _tags.ListAsync(at, key.Arn, cancellationToken), unreadable);
        var policy = ReadPart(nameof(KeySnapshot.Policy), () => _policies.GetAsync(at, "default", cancellationToken), unreadable);
        var grants = ReadPart(nameof(KeySnapshot.Grants), () => _grants.ListAsync(at, null, null, cancellationToken), unreadable);
        var rotation = HasRotationStatus(key)
            ? ReadPart(nameof(KeySnapshot.Rotation), () => _rotation.GetAsync(at, key.Arn, cancellationToken, withHistory: key.Origin == "EXTERNAL"), unreadable)
            : Task.FromResult<KmsKeyRotation?>(null);
        var usage = ReadPart(nameof(KeySnapshot.LastUsage), () => _usage.GetAsync(at, key.Arn, cancellationToken), unreadable);
        await Task.WhenAll(tags, policy, grants, rotation, usage).ConfigureAwait(false);
        return new KeySnapshot
        {
            Scope = scope,
            Key = key,
            Aliases = (await keys.ListAliasesAsync(key.Region, cancellationToken).ConfigureAwait(false))
                .Where(alias => alias.TargetKeyId == key.KeyId).OrderBy(alias => alias.AliasName, StringComparer.Ordinal).ToList(),
            Tags = tags.Result ?? [],
            Policy = policy.Result,
            Grants = grants.Result ?? [],
            Rotation = rotation.Result,
            LastUsage = usage.Result,
            Unreadable = unreadable,
            ObservedAt = time.GetUtcNow(),
        };
    }

    /// <summary>GetKeyRotationStatus answers only for symmetric encryption keys (rotation of other keys is UnsupportedOperation).</summary>
    private static bool HasRotationStatus(KmsKey key) => key.KeySpec == "SYMMETRIC_DEFAULT";

    private static async Task<T?> ReadPart<T>(string part, Func<Task<T>> read, Dictionary<string, string> unreadable) where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (KmsServiceException e) when (IsRefusal(e))
        {
            lock (unreadable) unreadable[part] = $"{e.ErrorCode}: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Answers that say the caller may not read this part, or the endpoint cannot (moto answers an operation it lacks
    /// with HTTP 500 and no error code, which is ServiceError): anything else (unreachable, throttled after retries)
    /// fails the key's region.
    /// </summary>
    internal static bool IsRefusal(KmsServiceException e) => e.ErrorCode is "AccessDeniedException" or "UnsupportedOperationException"
        or "KMSInvalidStateException" or "NotImplementedException" or "NotImplemented" or "ValidationException" or "ServiceError";
}
