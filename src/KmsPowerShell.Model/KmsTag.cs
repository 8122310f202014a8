namespace KmsPowerShell;

/// <summary>One tag of a key, as Get-KmsTag returns it.</summary>
public sealed class KmsTag : KmsKeyRecord
{
    internal KmsTag(string keyArn, string region, string tagKey, string tagValue) : base(keyArn, region)
    {
        TagKey = tagKey;
        TagValue = tagValue;
    }

    /// <summary>The tag's key.</summary>
    public string TagKey { get; }

    /// <summary>The tag's value.</summary>
    public string TagValue { get; }

    /// <inheritdoc />
    public override string ToString() => $"{TagKey}={TagValue}";
}
