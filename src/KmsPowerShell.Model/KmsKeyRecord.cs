namespace KmsPowerShell;

/// <summary>
/// An output record that names one KMS key. Every record names its key the same way: <see cref="KeyId"/> is the bare
/// key id, <see cref="KeyArn"/> the key ARN, <see cref="Region"/> the key's region. Piped into a -KeyId parameter, a
/// record names its key by ARN, so the key's own region is asked whatever the session's region is.
/// </summary>
public abstract class KmsKeyRecord
{
    /// <summary>A record of the key <paramref name="keyArn"/>, as KMS named it in <paramref name="region"/>.</summary>
    private protected KmsKeyRecord(string keyArn, string region) : this(BareKeyId(keyArn), keyArn, region) { }

    private protected KmsKeyRecord(string keyId, string keyArn, string region)
    {
        KeyId = keyId;
        KeyArn = keyArn;
        Region = region;
    }

    /// <summary>The key id: a UUID, or mrk-... for a multi-Region key.</summary>
    public string KeyId { get; }

    /// <summary>The key ARN (what KMS answered: an ARN from AWS and the local KMS).</summary>
    public string KeyArn { get; }

    /// <summary>The region of the key.</summary>
    public string Region { get; }

    /// <summary>The key id of a key ARN (arn:aws:kms:region:account:key/id); any other text as it is.</summary>
    internal static string BareKeyId(string keyArn)
    {
        const string marker = ":key/";
        var at = keyArn.IndexOf(marker, StringComparison.Ordinal);
        return keyArn.StartsWith("arn:", StringComparison.Ordinal) && at >= 0 ? keyArn[(at + marker.Length)..] : keyArn;
    }
}
