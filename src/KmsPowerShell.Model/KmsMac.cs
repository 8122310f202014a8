namespace KmsPowerShell;

/// <summary>A MAC from New-KmsMac; Test-KmsMac checks it against the message.</summary>
public sealed class KmsMac : KmsKeyRecord
{
    internal KmsMac(string keyArn, string region, string macAlgorithm, byte[] mac) : base(keyArn, region)
    {
        MacAlgorithm = macAlgorithm;
        Mac = mac;
    }

    /// <summary>HMAC_SHA_224, HMAC_SHA_256, HMAC_SHA_384 or HMAC_SHA_512.</summary>
    public string MacAlgorithm { get; }

    /// <summary>The MAC bytes.</summary>
    public byte[] Mac { get; }

    /// <summary>The MAC as base64 text.</summary>
    public string MacBase64 => Convert.ToBase64String(Mac);

    /// <inheritdoc />
    public override string ToString() => MacBase64;
}
