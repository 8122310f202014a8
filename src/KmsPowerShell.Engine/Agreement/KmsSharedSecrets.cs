using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.Engine.Agreement;

/// <summary>A shared secret from KMS and what it came with; the caller zeroes <see cref="Secret"/>.</summary>
public sealed record SharedSecretResult(string KeyArn, string Algorithm, byte[] Secret, string KeyOrigin = "", byte[]? Ciphertext = null);

/// <summary>KMS DeriveSharedSecret (ECDH), Encapsulate and Decapsulate (ML-KEM). Secrets are zeroed in the SDK's buffers.</summary>
public sealed class KmsSharedSecrets
{
    private readonly KmsClientPool _clients;

    public KmsSharedSecrets(KmsSession session) => _clients = KmsClientPool.Of(session);

    public async Task<SharedSecretResult> DeriveAsync(KeyRequest key, byte[] peerPublicKey, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new DeriveSharedSecretRequest
        {
            KeyId = key.KeyId, KeyAgreementAlgorithm = KmsAlgorithms.Ecdh, PublicKey = new MemoryStream(peerPublicKey, writable: false),
            GrantTokens = Tokens(grantTokens),
        };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.DeriveSharedSecretAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new SharedSecretResult(response.KeyId, response.KeyAgreementAlgorithm?.Value ?? KmsAlgorithms.Ecdh,
            SecretBuffer.Out(response.SharedSecret), response.KeyOrigin?.Value ?? "");
    }

    public async Task<SharedSecretResult> EncapsulateAsync(KeyRequest key, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new EncapsulateRequest { KeyId = key.KeyId, EncapsulationAlgorithm = KmsAlgorithms.MlKem, GrantTokens = Tokens(grantTokens) };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.EncapsulateAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new SharedSecretResult(response.KeyId, response.EncapsulationAlgorithm?.Value ?? KmsAlgorithms.MlKem,
            SecretBuffer.Out(response.SharedSecret), Ciphertext: response.SharedSecretCiphertextBlob?.ToArray() ?? []);
    }

    public async Task<SharedSecretResult> DecapsulateAsync(KeyRequest key, byte[] ciphertext, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new DecapsulateRequest
        {
            KeyId = key.KeyId, EncapsulationAlgorithm = KmsAlgorithms.MlKem, SharedSecretCiphertextBlob = new MemoryStream(ciphertext, writable: false),
            GrantTokens = Tokens(grantTokens),
        };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.DecapsulateAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new SharedSecretResult(response.KeyId, response.EncapsulationAlgorithm?.Value ?? KmsAlgorithms.MlKem, SecretBuffer.Out(response.SharedSecret));
    }

    private static List<string>? Tokens(IReadOnlyList<string> grantTokens) => grantTokens.Count == 0 ? null : grantTokens.ToList();
}
