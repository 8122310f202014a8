namespace KmsPowerShell;

/// <summary>An alias and the key it points to, as Get-KmsAlias returns it.</summary>
public sealed class KmsAlias
{
    internal KmsAlias(string aliasName, string aliasArn, string? targetKeyId, string region)
    {
        AliasName = aliasName;
        AliasArn = aliasArn;
        TargetKeyId = targetKeyId;
        Region = region;
    }

    /// <summary>The alias name, alias/...</summary>
    public string AliasName { get; }

    /// <summary>The alias ARN.</summary>
    public string AliasArn { get; }

    /// <summary>The key id the alias points to; empty for an AWS managed alias whose key does not exist yet.</summary>
    public string? TargetKeyId { get; }

    /// <summary>The key id the alias points to (the same as TargetKeyId), as every record names its key.</summary>
    public string? KeyId => TargetKeyId;

    /// <summary>The ARN of the key the alias points to; empty when the alias points to no key.</summary>
    public string? KeyArn
    {
        get
        {
            var at = AliasArn.IndexOf(":alias/", StringComparison.Ordinal);
            return string.IsNullOrEmpty(TargetKeyId) || at < 0 ? null : $"{AliasArn[..at]}:key/{TargetKeyId}";
        }
    }

    /// <summary>The region of the alias.</summary>
    public string Region { get; }

    /// <summary>When the alias was created.</summary>
    public DateTime? CreationDate { get; internal init; }

    /// <summary>When the alias was last pointed at a key.</summary>
    public DateTime? LastUpdatedDate { get; internal init; }

    /// <summary>True for aliases under alias/aws/, which AWS manages.</summary>
    public bool AwsManaged => AliasName.StartsWith("alias/aws/", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => AliasName;
}
