using System.Globalization;

namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// Builds the condition keys of a request (<see cref="AccessRequest.Context"/>) as AWS fills them for KMS: the global
/// aws: keys of the caller and the time, the kms: keys of the key acted on, and those of the request itself. The local
/// KMS and Test-KmsKeyPolicy both build contexts here, so a decision offline sees the keys the local KMS would.
/// </summary>
public sealed class AccessContextBuilder
{
    private readonly Dictionary<string, IReadOnlyList<string>> _keys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets a single-valued key; null leaves it absent (so Null and ...IfExists conditions see it missing).</summary>
    public AccessContextBuilder Set(string key, string? value)
    {
        if (value is null) _keys.Remove(key);
        else _keys[key] = [value];
        return this;
    }

    /// <summary>Sets a multivalued key (one value per member); an empty set leaves it absent.</summary>
    public AccessContextBuilder Set(string key, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0) _keys.Remove(key);
        else _keys[key] = list;
        return this;
    }

    public AccessContextBuilder Set(string key, bool? value) => Set(key, value is { } b ? (b ? "true" : "false") : null);

    public AccessContextBuilder Set(string key, int? value) => Set(key, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>The caller and the moment: aws:Principal*, kms:CallerAccount, aws:CurrentTime and aws:EpochTime.</summary>
    public AccessContextBuilder Caller(string principalArn, IReadOnlyDictionary<string, string>? principalTags, DateTimeOffset now, string? region)
    {
        var identity = PrincipalIdentity.Of(principalArn);
        Set("aws:PrincipalArn", identity.PolicyArn);
        Set("aws:PrincipalAccount", identity.Account);
        Set("kms:CallerAccount", identity.Account);
        Set("aws:PrincipalType", identity.Type);
        Set("aws:username", identity.Type == "User" ? identity.Name : null);
        Set("aws:PrincipalIsAWSService", false);
        Set("aws:SecureTransport", true);
        Set("aws:RequestedRegion", region);
        foreach (var (key, value) in principalTags ?? new Dictionary<string, string>()) Set($"aws:PrincipalTag/{key}", value);
        Set("aws:CurrentTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>The key acted on: kms:KeySpec, kms:KeyUsage, kms:KeyOrigin, kms:MultiRegion*, aws:ResourceTag/*, kms:ResourceAliases.</summary>
    public AccessContextBuilder Key(
        string keySpec, string keyUsage, string origin, bool multiRegion, string? multiRegionKeyType,
        IReadOnlyDictionary<string, string> tags, IEnumerable<string> aliasNames)
    {
        Set("kms:KeySpec", keySpec);
        Set("kms:KeyUsage", keyUsage);
        Set("kms:KeyOrigin", origin);
        Set("kms:MultiRegion", multiRegion);
        Set("kms:MultiRegionKeyType", multiRegion ? multiRegionKeyType : null);
        ResourceTags(tags);
        Set("kms:ResourceAliases", aliasNames);
        return this;
    }

    /// <summary>aws:ResourceTag/* of the key's tags (also when the rest of the key is not known).</summary>
    public AccessContextBuilder ResourceTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags) Set($"aws:ResourceTag/{key}", value);
        return this;
    }

    /// <summary>kms:EncryptionContext:&lt;key&gt; for each pair and kms:EncryptionContextKeys; nothing for an empty context.</summary>
    public AccessContextBuilder EncryptionContext(IReadOnlyDictionary<string, string>? context)
    {
        if (context is null || context.Count == 0) return this;
        foreach (var (key, value) in context) Set($"kms:EncryptionContext:{key}", value);
        return Set("kms:EncryptionContextKeys", context.Keys);
    }

    /// <summary>The tags a request sets (CreateKey, TagResource): aws:RequestTag/* and aws:TagKeys.</summary>
    public AccessContextBuilder RequestTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags) Set($"aws:RequestTag/{key}", value);
        return Set("aws:TagKeys", tags.Keys);
    }

    /// <summary>The tag keys a request removes (UntagResource): aws:TagKeys.</summary>
    public AccessContextBuilder RemovedTagKeys(IEnumerable<string> keys) => Set("aws:TagKeys", keys);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Build() =>
        new Dictionary<string, IReadOnlyList<string>>(_keys, StringComparer.OrdinalIgnoreCase);
}
