using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Format;

namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>
/// What one message is written with: the encryption context as stored (with the verification key for signed
/// suites), the plaintext data key, its encryptions and the signing key. Owns <see cref="DataKey"/> (zeroed on
/// dispose) and <see cref="SigningKey"/>.
/// </summary>
internal sealed class EncryptionMaterials(
    IReadOnlyDictionary<string, string> encryptionContext, byte[] dataKey, IReadOnlyList<EncryptedDataKey> encryptedDataKeys, ECDsa? signingKey)
    : IDisposable
{
    public IReadOnlyDictionary<string, string> EncryptionContext { get; } = encryptionContext;

    public byte[] DataKey { get; } = dataKey;

    public IReadOnlyList<EncryptedDataKey> EncryptedDataKeys { get; } = encryptedDataKeys;

    public ECDsa? SigningKey { get; } = signingKey;

    /// <summary>True when the data key came from the data key cache rather than from the keyring.</summary>
    public bool FromCache { get; init; }

    /// <summary>New materials from the keyring: a fresh signing key for signed suites, then one KMS round.</summary>
    public static async Task<EncryptionMaterials> GenerateAsync(IKeyring keyring, AlgorithmSuite suite, IReadOnlyDictionary<string, string> requestContext,
        CancellationToken cancellationToken)
    {
        var context = new Dictionary<string, string>(requestContext, StringComparer.Ordinal);
        var signingKey = suite.Signature is { } curve ? ECDsa.Create(curve.Curve) : null;
        try
        {
            if (signingKey is not null)
            {
                context[EncryptionContextCodec.PublicKeyName] =
                    Convert.ToBase64String(Primitives.CompressedPoint.Compress(signingKey.ExportParameters(false), suite.Signature!));
            }
            var generated = await keyring.GenerateAsync(suite, context, cancellationToken).ConfigureAwait(false);
            return new EncryptionMaterials(context, generated.DataKey, generated.EncryptedDataKeys, signingKey);
        }
        catch
        {
            signingKey?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(DataKey);
        SigningKey?.Dispose();
    }
}
