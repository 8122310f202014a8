namespace KmsPowerShell;

/// <summary>One tag of a key, as Get-KmsTag returns it.</summary>
public sealed class KmsTag
{
    internal KmsTag(string keyId, string tagKey, string tagValue)
    {
        KeyId = keyId;
        TagKey = tagKey;
        TagValue = tagValue;
    }

    /// <summary>The ARN of the tagged key.</summary>
    public string KeyId { get; }

    /// <summary>The tag's key.</summary>
    public string TagKey { get; }

    /// <summary>The tag's value.</summary>
    public string TagValue { get; }

    /// <inheritdoc />
    public override string ToString() => $"{TagKey}={TagValue}";
}
