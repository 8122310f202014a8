namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>The private key of an asymmetric KMS key, loaded for one operation: its public key, and signing with it.</summary>
internal interface IAsymmetricKey : IDisposable
{
    /// <summary>The public key as DER SubjectPublicKeyInfo (RFC 5280), as GetPublicKey returns it.</summary>
    byte[] PublicKey();

    /// <summary>Signs a Sign request's message (RAW, DIGEST or EXTERNAL_MU, already checked against the algorithm).</summary>
    byte[] Sign(string algorithm, string messageType, byte[] message);

    /// <summary>Whether the signature is valid; a malformed signature is simply not valid.</summary>
    bool Verify(string algorithm, string messageType, byte[] message, byte[] signature);
}
