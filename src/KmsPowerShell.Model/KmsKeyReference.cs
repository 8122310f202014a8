namespace KmsPowerShell;

/// <summary>
/// A key as a cmdlet parameter: a key id, key ARN, alias name or alias ARN typed as text, or a KmsKey or any other
/// record that names a key (<see cref="KmsKeyRecord"/>) piped in, whose ARN keeps its region. PowerShell converts
/// each through the constructors, so one -KeyId parameter takes strings, KmsKey objects, grants, tags, data keys, and
/// objects of other tools that have a KeyId property.
/// </summary>
public sealed class KmsKeyReference
{
    /// <summary>A key named by key id, key ARN, alias name or alias ARN.</summary>
    public KmsKeyReference(string keyId) => Value = keyId ?? "";

    /// <summary>A key id given as a Guid.</summary>
    public KmsKeyReference(Guid keyId) => Value = keyId.ToString();

    /// <summary>A key from Get-KmsKey or New-KmsKey: its ARN is used, so its own region is asked.</summary>
    public KmsKeyReference(KmsKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Value = key.Arn;
        Key = key;
    }

    /// <summary>The key a record names (a grant, tag, rotation, data key, signature, ...): its ARN, so its own region is asked.</summary>
    public KmsKeyReference(KmsKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Value = record.KeyArn;
    }

    /// <summary>The key an alias from Get-KmsAlias points to: its alias ARN, so its own region is asked.</summary>
    public KmsKeyReference(KmsAlias alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        Value = alias.AliasArn;
    }

    /// <summary>The identifier sent to KMS.</summary>
    public string Value { get; }

    /// <summary>The KmsKey this reference came from, if one was piped.</summary>
    public KmsKey? Key { get; }

    /// <inheritdoc />
    public override string ToString() => Value;
}
