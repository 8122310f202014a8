using System.Text.RegularExpressions;
using KmsPowerShell.LocalKms.Auth;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>
/// Finds the key a request names: key id, key ARN, alias name or alias ARN. Ids and alias names are looked up
/// in the caller's account and the request's region; ARNs name their own account, which is how grants reach across accounts.
/// </summary>
internal sealed partial class KeyResolver
{
    private readonly KmsState _state;
    private readonly Caller _caller;
    private readonly DateTimeOffset _now;
    private readonly bool _canChange;

    // canChange: whether the state may change (the write lock is held), as naming an AWS managed key's alias makes the key.
    public KeyResolver(KmsState state, Caller caller, DateTimeOffset now, bool canChange)
    {
        _state = state;
        _caller = caller;
        _now = now;
        _canChange = canChange;
    }

    [GeneratedRegex(@"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();

    [GeneratedRegex(@"^arn:(aws[a-z-]*):kms:([a-z0-9-]+):([0-9]{12}):(key|alias)/(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();

    public static bool IsKeyId(string text) => KeyIdPattern().IsMatch(text);

    /// <summary>A key's ARN, in its Region's partition: arn:aws-cn:kms:cn-north-1:... in the China Regions.</summary>
    public static string KeyArn(string account, string region, string keyId) => $"{KmsPartition.ArnPrefix("kms", region)}{account}:key/{keyId}";

    public string AliasArn(string account, string aliasName) => $"{KmsPartition.ArnPrefix("kms", _caller.Region)}{account}:{aliasName}";

    /// <summary>Any of the four forms.</summary>
    public StoredKey Resolve(string identifier) => Resolve(identifier, allowAlias: true);

    /// <summary>Key id or key ARN only, as management operations take.</summary>
    public StoredKey ResolveKey(string identifier) => Resolve(identifier, allowAlias: false);

    public StoredKey? FindById(string account, string region, string keyId) =>
        _state.Keys.GetValueOrDefault(KeyArn(account, region, keyId));

    private StoredKey Resolve(string identifier, bool allowAlias)
    {
        if (identifier.StartsWith("alias/", StringComparison.Ordinal))
        {
            if (!allowAlias) throw KmsErrors.InvalidKeyId(identifier);
            return ByAlias(AliasArn(_caller.Account, identifier));
        }
        var arn = ArnPattern().Match(identifier);
        if (arn.Success)
        {
            var isAlias = arn.Groups[4].Value == "alias";
            // An ARN of another partition names no key here, as one of another Region does not.
            if (arn.Groups[2].Value != _caller.Region || arn.Groups[1].Value != KmsPartition.Of(_caller.Region))
            {
                throw isAlias ? KmsErrors.KeyNotFound(identifier) : KmsErrors.InvalidArn(arn.Groups[2].Value);
            }
            if (isAlias)
            {
                if (!allowAlias) throw KmsErrors.InvalidKeyId(identifier);
                return ByAlias(identifier);
            }
            return _state.Keys.GetValueOrDefault(identifier) ?? throw KmsErrors.KeyNotFound(identifier);
        }
        if (!IsKeyId(identifier)) throw KmsErrors.InvalidKeyId(identifier);
        var keyArn = KeyArn(_caller.Account, _caller.Region, identifier);
        return _state.Keys.GetValueOrDefault(keyArn) ?? throw KmsErrors.KeyNotFound(keyArn);
    }

    private StoredKey ByAlias(string aliasArn)
    {
        var alias = _state.Aliases.GetValueOrDefault(aliasArn);
        if (alias is null && AwsManagedKeyFor(aliasArn) is { } managed) return managed;
        if (alias is null) throw KmsErrors.AliasNotFound(aliasArn);
        return FindById(alias.Account, alias.Region, alias.TargetKeyId) ?? throw KmsErrors.AliasNotFound(aliasArn);
    }

    /// <summary>The AWS managed key an alias ARN of the caller's account names, made now (as KMS does on first use); null for other aliases.</summary>
    private StoredKey? AwsManagedKeyFor(string aliasArn)
    {
        var prefix = AliasArn(_caller.Account, "");
        if (!aliasArn.StartsWith(prefix, StringComparison.Ordinal)) return null;
        if (AwsManagedKeys.ServiceOf(aliasArn[prefix.Length..]) is not { } service) return null;
        if (!_canChange) throw new StateChangeNeededException();
        return AwsManagedKeys.Create(_state, _caller.Account, _caller.Region, service, aliasArn, _now);
    }
}
