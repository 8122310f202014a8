using System.Security.Cryptography;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Encryption;

/// <summary>KMS GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext.</summary>
public sealed class KmsKeyPairs
{
    private readonly KmsClientPool _clients;

    public KmsKeyPairs(KmsSession session) => _clients = KmsClientPool.Of(session);

    /// <summary>
    /// A new key pair under <paramref name="key"/>; <see cref="KmsDataKeyPair.PrivateKeyBytes"/> holds the PKCS#8 private key
    /// unless <paramref name="withoutPlaintext"/>. The caller owns those bytes and must zero them.
    /// </summary>
    public async Task<KmsDataKeyPair> GenerateAsync(KeyRequest key, string keyPairSpec, bool withoutPlaintext, KmsCipherOptions options, CancellationToken cancellationToken)
    {
        if (withoutPlaintext)
        {
            var request = new GenerateDataKeyPairWithoutPlaintextRequest
            {
                KeyId = key.KeyId, KeyPairSpec = keyPairSpec, EncryptionContext = options.ContextOrNull, GrantTokens = options.GrantTokensOrNull,
            };
            var response = await _clients.CallAsync(key.Region, (c, ct) => c.GenerateDataKeyPairWithoutPlaintextAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return new KmsDataKeyPair(response.KeyId, key.Region, response.KeyPairSpec?.Value ?? keyPairSpec, response.PublicKey.ToArray(), response.PrivateKeyCiphertextBlob.ToArray());
        }
        var withPlaintext = new GenerateDataKeyPairRequest
        {
            KeyId = key.KeyId, KeyPairSpec = keyPairSpec, EncryptionContext = options.ContextOrNull, GrantTokens = options.GrantTokensOrNull,
        };
        var pair = await _clients.CallAsync(key.Region, (c, ct) => c.GenerateDataKeyPairAsync(withPlaintext, ct), cancellationToken).ConfigureAwait(false);
        return new KmsDataKeyPair(pair.KeyId, key.Region, pair.KeyPairSpec?.Value ?? keyPairSpec, pair.PublicKey.ToArray(), pair.PrivateKeyCiphertextBlob.ToArray())
        {
            PrivateKeyBytes = SecretBuffer.Out(pair.PrivateKeyPlaintext),
        };
    }

    /// <summary>PKCS#8 DER as PEM text ("PRIVATE KEY"); the caller zeroes the characters.</summary>
    public static char[] PrivateKeyPem(byte[] pkcs8) => PemEncoding.Write("PRIVATE KEY", pkcs8);
}
