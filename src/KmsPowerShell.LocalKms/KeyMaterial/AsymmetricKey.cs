using System.Security.Cryptography;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.KeyMaterial;

/// <summary>The private key of an RSA or ECC KMS key, loaded from its PKCS#8 material for one operation.</summary>
internal sealed class AsymmetricKey : IAsymmetricKey
{
    private readonly AsymmetricAlgorithm _key;

    private AsymmetricKey(AsymmetricAlgorithm key) => _key = key;

    public static AsymmetricKey Load(KmsKeySpec spec, StoredKeyMaterial material)
    {
        AsymmetricAlgorithm key = spec.Family == KmsKeyFamily.Rsa ? RSA.Create() : ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(material.Secret, out _);
            return new AsymmetricKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The public key as DER SubjectPublicKeyInfo (RFC 5280), as GetPublicKey returns it.</summary>
    public byte[] PublicKey() => _key.ExportSubjectPublicKeyInfo();

    public byte[] Sign(string algorithm, string messageType, byte[] message)
    {
        var spec = Algorithm(algorithm);
        return SignDigest(spec, DigestOf(spec, messageType, message));
    }

    public bool Verify(string algorithm, string messageType, byte[] message, byte[] signature)
    {
        var spec = Algorithm(algorithm);
        return VerifyDigest(spec, DigestOf(spec, messageType, message), signature);
    }

    private static SigningAlgorithm Algorithm(string name) =>
        SigningAlgorithm.Find(name) ?? throw new InvalidOperationException($"{name} does not fit an RSA or ECC key.");

    // DIGEST: the bytes are the digest and are signed as they are, never hashed again.
    private static byte[] DigestOf(SigningAlgorithm algorithm, string messageType, byte[] message) =>
        messageType == SigningMessageTypes.Digest ? message : algorithm.HashOf(message);

    /// <summary>Signs a digest; ECDSA signatures are DER-encoded (RFC 3279), as KMS returns them.</summary>
    private byte[] SignDigest(SigningAlgorithm algorithm, byte[] digest) => _key switch
    {
        RSA rsa => rsa.SignHash(digest, algorithm.Hash, algorithm.RsaPadding ?? throw KeyMismatch(algorithm)),
        ECDsa ecdsa when algorithm.RsaPadding is null => ecdsa.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence),
        _ => throw KeyMismatch(algorithm),
    };

    /// <summary>Whether the signature is valid; a malformed signature is simply not valid.</summary>
    private bool VerifyDigest(SigningAlgorithm algorithm, byte[] digest, byte[] signature)
    {
        try
        {
            return _key switch
            {
                RSA rsa => rsa.VerifyHash(digest, signature, algorithm.Hash, algorithm.RsaPadding ?? throw KeyMismatch(algorithm)),
                ECDsa ecdsa when algorithm.RsaPadding is null => ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence),
                _ => throw KeyMismatch(algorithm),
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public RSA Rsa => _key as RSA ?? throw new InvalidOperationException("Not an RSA key.");

    private static InvalidOperationException KeyMismatch(SigningAlgorithm algorithm) =>
        new($"{algorithm.Name} does not fit an {(algorithm.RsaPadding is null ? "RSA" : "ECC")} key.");

    public void Dispose() => _key.Dispose();
}
