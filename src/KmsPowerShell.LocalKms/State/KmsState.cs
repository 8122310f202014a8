using System.Security.Cryptography;

namespace KmsPowerShell.LocalKms.State;

/// <summary>Everything the local KMS knows; serialised whole to the state file. Guarded by the service's lock.</summary>
internal sealed class KmsState
{
    public int FormatVersion { get; set; } = 1;

    /// <summary>Keys by key ARN.</summary>
    public Dictionary<string, StoredKey> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Aliases by alias ARN.</summary>
    public Dictionary<string, StoredAlias> Aliases { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoredGrant> Grants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every grant token issued, to the grant it names; kept after the grant goes, as AWS still accepts the token.</summary>
    public Dictionary<string, string> GrantTokens { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Signs paging markers so a made-up or edited marker is refused.</summary>
    public byte[] MarkerSecret { get; set; } = RandomNumberGenerator.GetBytes(32);

    public IEnumerable<StoredKey> CopiesOf(StoredKey key) =>
        Keys.Values.Where(k => k.MultiRegion && k.KeyId == key.KeyId && k.Account == key.Account);

    public void RemoveKey(StoredKey key)
    {
        Keys.Remove(key.Arn);
        foreach (var alias in Aliases.Values.Where(a => a.TargetKeyId == key.KeyId && a.Account == key.Account && a.Region == key.Region).ToList())
        {
            Aliases.Remove(alias.AliasArn);
        }
        foreach (var grant in Grants.Values.Where(g => g.KeyArn == key.Arn).ToList()) Grants.Remove(grant.GrantId);
    }
}
