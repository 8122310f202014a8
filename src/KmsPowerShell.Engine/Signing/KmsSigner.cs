using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Encryption;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Signing;

/// <summary>KMS Sign, Verify, GetPublicKey, GenerateMac and VerifyMac, and DescribeKey for checking arguments before them.</summary>
public sealed class KmsSigner
{
    private readonly KmsSession _session;
    private readonly KmsClientPool _clients;

    public KmsSigner(KmsSession session)
    {
        _session = session;
        _clients = KmsClientPool.Of(session);
    }

    /// <summary>The key's spec, usage and algorithms, from DescribeKey alone (no alias listing).</summary>
    public async Task<KmsKey> DescribeAsync(KeyRequest key, CancellationToken cancellationToken)
    {
        var request = new DescribeKeyRequest { KeyId = key.KeyId };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.DescribeKeyAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return KeyMapper.ToKmsKey(response.KeyMetadata, key.Region, []);
    }

    public async Task<KmsSignature> SignAsync(KeyRequest key, byte[] message, string messageType, string algorithm,
        IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new SignRequest
        {
            KeyId = key.KeyId, Message = new MemoryStream(message, writable: false), MessageType = messageType,
            SigningAlgorithm = algorithm, GrantTokens = Tokens(grantTokens),
        };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.SignAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new KmsSignature(response.KeyId, key.Region, response.SigningAlgorithm?.Value ?? algorithm, messageType, response.Signature.ToArray());
    }

    /// <summary>True for a valid signature, false for an invalid one (KMSInvalidSignatureException is an answer here).</summary>
    public async Task<bool> VerifyAsync(KeyRequest key, byte[] message, string messageType, string algorithm, byte[] signature,
        IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new VerifyRequest
        {
            KeyId = key.KeyId, Message = new MemoryStream(message, writable: false), MessageType = messageType,
            SigningAlgorithm = algorithm, Signature = new MemoryStream(signature, writable: false), GrantTokens = Tokens(grantTokens),
        };
        try
        {
            var response = await _clients.CallAsync(key.Region, (c, ct) => c.VerifyAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return response.SignatureValid == true;
        }
        catch (KmsServiceException e) when (e.ErrorCode == "KMSInvalidSignatureException")
        {
            return false;
        }
    }

    /// <summary>Fetches the public key (and remembers it for the session).</summary>
    public async Task<KmsPublicKey> GetPublicKeyAsync(KeyRequest key, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new GetPublicKeyRequest { KeyId = key.KeyId, GrantTokens = Tokens(grantTokens) };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.GetPublicKeyAsync(request, ct), cancellationToken).ConfigureAwait(false);
        var publicKey = new KmsPublicKey(response.KeyId, key.Region, response.KeySpec?.Value ?? "", response.KeyUsage?.Value ?? "", response.PublicKey.ToArray())
        {
            SigningAlgorithms = response.SigningAlgorithms?.ToArray() ?? [],
            EncryptionAlgorithms = response.EncryptionAlgorithms?.ToArray() ?? [],
            KeyAgreementAlgorithms = response.KeyAgreementAlgorithms?.ToArray() ?? [],
            EncapsulationAlgorithms = response.EncapsulationAlgorithms?.ToArray() ?? [],
        };
        PublicKeyCache.Add(_session, key, publicKey);
        return publicKey;
    }

    /// <summary>The public key fetched earlier in this session, or fetched now.</summary>
    public async Task<(KmsPublicKey Key, bool Fetched)> CachedPublicKeyAsync(KeyRequest key, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken) =>
        PublicKeyCache.Find(_session, key) is { } cached
            ? (cached, false)
            : (await GetPublicKeyAsync(key, grantTokens, cancellationToken).ConfigureAwait(false), true);

    public async Task<KmsMac> GenerateMacAsync(KeyRequest key, byte[] message, string algorithm, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new GenerateMacRequest { KeyId = key.KeyId, Message = new MemoryStream(message, writable: false), MacAlgorithm = algorithm, GrantTokens = Tokens(grantTokens) };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.GenerateMacAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return new KmsMac(response.KeyId, key.Region, response.MacAlgorithm?.Value ?? algorithm, response.Mac.ToArray());
    }

    /// <summary>True for a matching MAC, false otherwise (KMSInvalidMacException is an answer here).</summary>
    public async Task<bool> VerifyMacAsync(KeyRequest key, byte[] message, string algorithm, byte[] mac, IReadOnlyList<string> grantTokens, CancellationToken cancellationToken)
    {
        var request = new VerifyMacRequest
        {
            KeyId = key.KeyId, Message = new MemoryStream(message, writable: false), MacAlgorithm = algorithm,
            Mac = new MemoryStream(mac, writable: false), GrantTokens = Tokens(grantTokens),
        };
        try
        {
            var response = await _clients.CallAsync(key.Region, (c, ct) => c.VerifyMacAsync(request, ct), cancellationToken).ConfigureAwait(false);
            return response.MacValid == true;
        }
        catch (KmsServiceException e) when (e.ErrorCode == "KMSInvalidMacException")
        {
            return false;
        }
    }

    private static List<string>? Tokens(IReadOnlyList<string> grantTokens) => grantTokens.Count == 0 ? null : grantTokens.ToList();
}
