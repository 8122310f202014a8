using System.Security.Cryptography;
using System.Text;
using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Messages.Keyrings;

/// <summary>
/// The AWS KMS keyring: provider id "aws-kms", provider information the key ARN. Encrypting, the first key generates
/// the data key and every further key encrypts it. Decrypting, strict mode tries only the listed keys (key ids and
/// aliases are resolved to ARNs first), discovery mode any key the filter allows; each call goes to the ARN's region.
/// </summary>
internal sealed class KmsKeyring : IKeyring
{
    private readonly KmsClientPool _clients;
    private readonly string _defaultRegion;
    private readonly IReadOnlyList<KeyIdentifier> _keys;
    private readonly DiscoveryFilter? _discovery;

    private KmsKeyring(KmsSession session, IReadOnlyList<KeyIdentifier> keys, DiscoveryFilter? discovery)
    {
        _clients = KmsClientPool.Of(session);
        _defaultRegion = session.Region;
        _keys = keys;
        _discovery = discovery;
    }

    public static KmsKeyring WithKeys(KmsSession session, IEnumerable<string> keyIds)
    {
        var keys = keyIds.Select(KeyIdentifier.Parse).ToList();
        if (keys.Count == 0) throw new KmsArgumentException("KeyIdMissing", "Give at least one KMS key to encrypt or decrypt with.");
        return new KmsKeyring(session, keys, null);
    }

    public static KmsKeyring Discovery(KmsSession session, DiscoveryFilter filter) => new(session, [], filter);

    public int EncryptedDataKeyCount => _keys.Count;

    public async Task<DataKeyMaterials> GenerateAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext, CancellationToken cancellationToken)
    {
        if (_keys.Count == 0) throw new KmsArgumentException("KeyIdMissing", "A discovery keyring cannot encrypt: give the KMS keys to encrypt with.");
        var context = new Dictionary<string, string>(encryptionContext, StringComparer.Ordinal);
        var generator = _keys[0];
        var generated = await _clients.CallAsync(RegionOf(generator), (client, ct) => client.GenerateDataKeyAsync(
            new GenerateDataKeyRequest { KeyId = generator.Text, NumberOfBytes = suite.KeyLength, EncryptionContext = context }, ct),
            cancellationToken).ConfigureAwait(false);
        var dataKey = TakeBytes(generated.Plaintext);
        try
        {
            if (dataKey.Length != suite.KeyLength) throw BadResponse($"GenerateDataKey returned a {dataKey.Length}-byte data key, not {suite.KeyLength}.");
            var keys = new List<EncryptedDataKey> { NewEncryptedDataKey(generated.KeyId, generated.CiphertextBlob, "GenerateDataKey") };
            foreach (var key in _keys.Skip(1))
            {
                var copy = dataKey.ToArray();
                try
                {
                    var encrypted = await _clients.CallAsync(RegionOf(key), (client, ct) => client.EncryptAsync(
                        new EncryptRequest { KeyId = key.Text, Plaintext = new MemoryStream(copy), EncryptionContext = context }, ct),
                        cancellationToken).ConfigureAwait(false);
                    keys.Add(NewEncryptedDataKey(encrypted.KeyId, encrypted.CiphertextBlob, "Encrypt"));
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(copy);
                }
            }
            return new DataKeyMaterials(dataKey, keys);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw;
        }
    }

    public async Task<DecryptedDataKey> DecryptAsync(AlgorithmSuite suite, IReadOnlyDictionary<string, string> encryptionContext,
        IReadOnlyList<EncryptedDataKey> encryptedDataKeys, CancellationToken cancellationToken)
    {
        var allowed = _discovery is null ? await ResolveArnsAsync(cancellationToken).ConfigureAwait(false) : null;
        var candidates = encryptedDataKeys
            .Where(k => k.ProviderId == EncryptedDataKey.KmsProviderId)
            .Select(k => (Key: k, Arn: KmsKeyArn.TryParse(k.ProviderInfoText)))
            .Where(c => c.Arn is not null && (allowed?.Contains(c.Arn.Text) ?? _discovery!.Allows(c.Arn)))
            .ToList();
        if (candidates.Count == 0)
        {
            var present = FailureSummary.FirstFew(encryptedDataKeys.Select(k => $"{k.ProviderId} {k.ProviderInfoText ?? "(binary)"}"), encryptedDataKeys.Count);
            var wanted = allowed is null ? $"discovery with {_discovery}" : string.Join(", ", allowed);
            throw new KmsMessageException(KmsMessageProblem.NoDecryptableKey,
                $"None of the message's {encryptedDataKeys.Count} encrypted data keys ({present}) is one this keyring may use ({wanted}).");
        }
        var context = new Dictionary<string, string>(encryptionContext, StringComparer.Ordinal);
        var failures = new List<(string Arn, Exception Error)>();
        foreach (var (key, arn) in candidates)
        {
            try
            {
                var response = await _clients.CallAsync(arn!.Region, (client, ct) => client.DecryptAsync(new DecryptRequest
                {
                    KeyId = arn.Text,
                    CiphertextBlob = new MemoryStream(key.Ciphertext),
                    EncryptionContext = context,
                }, ct), cancellationToken).ConfigureAwait(false);
                var dataKey = TakeBytes(response.Plaintext);
                if (response.KeyId != arn.Text || dataKey.Length != suite.KeyLength)
                {
                    CryptographicOperations.ZeroMemory(dataKey);
                    failures.Add((arn.Text, BadResponse($"Decrypt answered for key {response.KeyId} with a {dataKey.Length}-byte key; expected {arn.Text} and {suite.KeyLength} bytes.")));
                    continue;
                }
                return new DecryptedDataKey(dataKey, arn.Text);
            }
            catch (KmsServiceException e)
            {
                failures.Add((arn!.Text, e));
            }
        }
        throw FailureSummary.Unwrappable(failures, encryptedDataKeys.Count);
    }

    private async Task<HashSet<string>> ResolveArnsAsync(CancellationToken cancellationToken)
    {
        var arns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in _keys)
        {
            if (key.Kind == KeyIdentifierKind.KeyArn)
            {
                arns.Add(key.Text);
                continue;
            }
            var described = await _clients.CallAsync(RegionOf(key), (client, ct) => client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Text }, ct),
                cancellationToken).ConfigureAwait(false);
            arns.Add(described.KeyMetadata.Arn);
        }
        return arns;
    }

    private string RegionOf(KeyIdentifier key) => key.Region ?? _defaultRegion;

    private static EncryptedDataKey NewEncryptedDataKey(string? keyId, MemoryStream ciphertext, string operation)
    {
        var arn = KmsKeyArn.TryParse(keyId) ?? throw BadResponse($"{operation} answered with key id '{keyId}', which is not a key ARN.");
        return new EncryptedDataKey(EncryptedDataKey.KmsProviderId, Encoding.UTF8.GetBytes(arn.Text), ciphertext.ToArray());
    }

    private static byte[] TakeBytes(MemoryStream? stream)
    {
        if (stream is null) return [];
        var bytes = stream.ToArray();
        if (stream.TryGetBuffer(out var buffer)) CryptographicOperations.ZeroMemory(buffer);
        return bytes;
    }

    private static KmsServiceException BadResponse(string message) => new("InvalidResponse", message, 0, null, null);
}
