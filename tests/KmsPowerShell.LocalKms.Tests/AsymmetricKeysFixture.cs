using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>One local KMS with one key per asymmetric family, shared by a test class: key generation is the slow part.</summary>
public sealed class AsymmetricKeysFixture : IDisposable
{
    private readonly LocalKmsHarness _kms = new();
    private readonly Dictionary<string, KeyMetadata> _keys = [];

    public AsymmetricKeysFixture() => Client = _kms.Client();

    internal LocalKmsHarness Kms => _kms;

    public AmazonKeyManagementServiceClient Client { get; }

    /// <summary>The key of this spec and usage, made on first use.</summary>
    public KeyMetadata Key(string spec, string usage = "SIGN_VERIFY")
    {
        lock (_keys)
        {
            var name = $"{spec}/{usage}";
            if (!_keys.TryGetValue(name, out var key))
            {
                key = _kms.CreateKeyAsync(Client, new CreateKeyRequest { KeySpec = spec, KeyUsage = usage }).GetAwaiter().GetResult();
                _keys[name] = key;
            }
            return key;
        }
    }

    /// <summary>Signs through the client; the answer must name the key's ARN and the algorithm asked for.</summary>
    public async Task<byte[]> SignAsync(KeyMetadata key, string algorithm, byte[] message, string messageType = "RAW")
    {
        var response = await Client.SignAsync(new SignRequest
        {
            KeyId = key.KeyId, SigningAlgorithm = algorithm, Message = new MemoryStream(message), MessageType = messageType,
        });
        Assert.Equal(key.Arn, response.KeyId);
        Assert.Equal(algorithm, response.SigningAlgorithm.Value);
        return response.Signature.ToArray();
    }

    public Task<VerifyResponse> VerifyAsync(KeyMetadata key, string algorithm, byte[] message, byte[] signature, string messageType = "RAW") =>
        Client.VerifyAsync(new VerifyRequest
        {
            KeyId = key.KeyId, SigningAlgorithm = algorithm, Message = new MemoryStream(message), MessageType = messageType,
            Signature = new MemoryStream(signature),
        });

    public void Dispose() => _kms.Dispose();
}
