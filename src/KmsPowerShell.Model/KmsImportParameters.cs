using System.Security.Cryptography;

namespace KmsPowerShell;

/// <summary>
/// What GetParametersForImport returned for a key with Origin EXTERNAL: the public key that wraps the key material and
/// the import token that goes with it, both valid until <see cref="ParametersValidTo"/>.
/// </summary>
public sealed class KmsImportParameters : KmsKeyRecord
{
    internal KmsImportParameters(string keyArn, string region, string wrappingAlgorithm, string wrappingKeySpec, byte[] publicKey, byte[] importToken)
        : base(keyArn, region)
    {
        WrappingAlgorithm = wrappingAlgorithm;
        WrappingKeySpec = wrappingKeySpec;
        PublicKey = publicKey;
        ImportToken = importToken;
    }

    /// <summary>How the key material must be wrapped: RSA_AES_KEY_WRAP_SHA_256, RSAES_OAEP_SHA_256, ...</summary>
    public string WrappingAlgorithm { get; }

    /// <summary>The wrapping key: RSA_2048, RSA_3072, RSA_4096 or SM2.</summary>
    public string WrappingKeySpec { get; }

    /// <summary>The wrapping public key as DER SubjectPublicKeyInfo (RFC 5280).</summary>
    public byte[] PublicKey { get; }

    /// <summary>The import token to give ImportKeyMaterial with the material wrapped by this public key.</summary>
    public byte[] ImportToken { get; }

    /// <summary>When the public key and import token expire (24 hours after they were made).</summary>
    public DateTime? ParametersValidTo { get; internal init; }

    /// <summary>The public key as PEM text ("-----BEGIN PUBLIC KEY-----"), as openssl and HSM tools read it.</summary>
    public string Pem => new(PemEncoding.Write("PUBLIC KEY", PublicKey));
}
