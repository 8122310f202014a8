namespace KmsPowerShell;

/// <summary>A signature from New-KmsSignature: what Test-KmsSignature and any verifier of the key's public key need.</summary>
public sealed class KmsSignature : KmsKeyRecord
{
    internal KmsSignature(string keyArn, string region, string signingAlgorithm, string messageType, byte[] signature) : base(keyArn, region)
    {
        SigningAlgorithm = signingAlgorithm;
        MessageType = messageType;
        Signature = signature;
    }

    /// <summary>The signing algorithm, such as ECDSA_SHA_256 or RSASSA_PSS_SHA_256.</summary>
    public string SigningAlgorithm { get; }

    /// <summary>RAW when KMS hashed the message, DIGEST when it signed a digest (always so for -Path).</summary>
    public string MessageType { get; }

    /// <summary>The signature bytes; ECDSA signatures are DER-encoded.</summary>
    public byte[] Signature { get; }

    /// <summary>The signature as base64 text.</summary>
    public string SignatureBase64 => Convert.ToBase64String(Signature);

    /// <summary>The file signed, for -Path; null for -Message.</summary>
    public string? File { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => SignatureBase64;
}
