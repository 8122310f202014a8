using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Encryption;

/// <summary>KMS's own cryptographic operations on small data: Encrypt, Decrypt, ReEncrypt, GenerateDataKey, GenerateRandom.</summary>
public sealed class KmsCrypto
{
    /// <summary>The largest plaintext KMS Encrypt takes.</summary>
    public const int MaxPlaintextBytes = 4096;

    private readonly KmsClientPool _clients;

    public KmsCrypto(KmsSession session) => _clients = KmsClientPool.Of(session);

    public async Task<KmsCiphertext> EncryptAsync(KeyRequest key, byte[] plaintext, KmsCipherOptions options, CancellationToken cancellationToken)
    {
        var stream = SecretBuffer.In(plaintext);
        try
        {
            var request = new EncryptRequest
            {
                KeyId = key.KeyId,
                Plaintext = stream,
                EncryptionContext = options.ContextOrNull,
                GrantTokens = options.GrantTokensOrNull,
                EncryptionAlgorithm = options.EncryptionAlgorithm,
            };
            var response = await _clients.CallAsync(key.Region, (c, ct) => c.EncryptAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return new KmsCiphertext(response.CiphertextBlob.ToArray(), response.KeyId);
        }
        finally
        {
            SecretBuffer.Zero(stream);
        }
    }

    /// <summary>Decrypts a KMS ciphertext blob in <paramref name="region"/> (a key ARN in <paramref name="key"/> names its own).</summary>
    public async Task<KmsPlaintext> DecryptAsync(string region, byte[] ciphertext, KeyRequest? key, KmsCipherOptions options, CancellationToken cancellationToken)
    {
        var request = new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(ciphertext, writable: false),
            KeyId = key?.KeyId,
            EncryptionContext = options.ContextOrNull,
            GrantTokens = options.GrantTokensOrNull,
            EncryptionAlgorithm = options.EncryptionAlgorithm,
        };
        var response = await _clients.CallAsync(key?.Region ?? region, (c, ct) => c.DecryptAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new KmsPlaintext(SecretBuffer.Out(response.Plaintext), response.KeyId);
    }

    public async Task<KmsCiphertext> ReEncryptAsync(string region, byte[] ciphertext, KeyRequest? sourceKey, KeyRequest destinationKey,
        KmsCipherOptions source, KmsCipherOptions destination, CancellationToken cancellationToken)
    {
        var request = new ReEncryptRequest
        {
            CiphertextBlob = new MemoryStream(ciphertext, writable: false),
            SourceKeyId = sourceKey?.KeyId,
            SourceEncryptionContext = source.ContextOrNull,
            SourceEncryptionAlgorithm = source.EncryptionAlgorithm,
            DestinationKeyId = destinationKey.KeyId,
            DestinationEncryptionContext = destination.ContextOrNull,
            DestinationEncryptionAlgorithm = destination.EncryptionAlgorithm,
            GrantTokens = destination.GrantTokensOrNull,
        };
        var response = await _clients.CallAsync(sourceKey?.Region ?? region, (c, ct) => c.ReEncryptAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new KmsCiphertext(response.CiphertextBlob.ToArray(), response.KeyId);
    }

    /// <summary>A new data key: its plaintext (null with <paramref name="withoutPlaintext"/>) and its encrypted copy.</summary>
    public async Task<(KmsPlaintext? Plaintext, KmsCiphertext Ciphertext)> GenerateDataKeyAsync(KeyRequest key, string? keySpec, int? numberOfBytes,
        bool withoutPlaintext, KmsCipherOptions options, CancellationToken cancellationToken)
    {
        if (withoutPlaintext)
        {
            var request = new GenerateDataKeyWithoutPlaintextRequest
            {
                KeyId = key.KeyId, KeySpec = keySpec, NumberOfBytes = numberOfBytes,
                EncryptionContext = options.ContextOrNull, GrantTokens = options.GrantTokensOrNull,
            };
            var response = await _clients.CallAsync(key.Region, (c, ct) => c.GenerateDataKeyWithoutPlaintextAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return (null, new KmsCiphertext(response.CiphertextBlob.ToArray(), response.KeyId));
        }
        var withPlaintext = new GenerateDataKeyRequest
        {
            KeyId = key.KeyId, KeySpec = keySpec, NumberOfBytes = numberOfBytes,
            EncryptionContext = options.ContextOrNull, GrantTokens = options.GrantTokensOrNull,
        };
        var generated = await _clients.CallAsync(key.Region, (c, ct) => c.GenerateDataKeyAsync(withPlaintext, ct), cancellationToken).ConfigureAwait(false);
        return (new KmsPlaintext(SecretBuffer.Out(generated.Plaintext), generated.KeyId), new KmsCiphertext(generated.CiphertextBlob.ToArray(), generated.KeyId));
    }

    public async Task<byte[]> GenerateRandomAsync(string region, int numberOfBytes, CancellationToken cancellationToken)
    {
        var request = new GenerateRandomRequest { NumberOfBytes = numberOfBytes };
        var response = await _clients.CallAsync(region, (c, ct) => c.GenerateRandomAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return SecretBuffer.Out(response.Plaintext);
    }
}
