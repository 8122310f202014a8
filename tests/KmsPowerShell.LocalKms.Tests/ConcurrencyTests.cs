using Amazon.KeyManagementService.Model;

namespace KmsPowerShell.LocalKms.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task ReadsAndWritesAtOnce_EveryCallSeesAConsistentState()
    {
        using var kms = new LocalKmsHarness();
        var client = kms.Client();
        var shared = await kms.CreateKeyAsync(client);
        await client.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = shared.KeyId, RotationPeriodInDays = 90 });

        async Task<List<string>> Worker(int worker)
        {
            var made = new List<string>();
            for (var i = 0; i < 25; i++)
            {
                var key = await kms.CreateKeyAsync(client);
                made.Add(key.KeyId);
                var text = $"{worker}-{i}";
                var blob = (await client.EncryptAsync(new EncryptRequest { KeyId = shared.KeyId, Plaintext = LocalKmsHarness.Bytes(text) })).CiphertextBlob;
                Assert.Equal(text, LocalKmsHarness.Text((await client.DecryptAsync(new DecryptRequest { CiphertextBlob = blob })).Plaintext));
                Assert.Equal(key.Arn, (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata.Arn);
                if (worker == 0 && i == 10) kms.Clock.Advance(TimeSpan.FromDays(90));
            }
            return made;
        }

        var made = (await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => Worker(w))))).SelectMany(m => m).ToList();
        var listed = (await client.ListKeysAsync(new ListKeysRequest { Limit = 1000 })).Keys.Select(k => k.KeyId).ToHashSet();
        Assert.Subset(listed, made.ToHashSet());
        Assert.Equal(made.Count + 1, listed.Count);
        Assert.Single((await client.ListKeyRotationsAsync(new ListKeyRotationsRequest { KeyId = shared.KeyId })).Rotations);
    }
}
