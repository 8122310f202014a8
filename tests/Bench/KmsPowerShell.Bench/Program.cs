using System.Diagnostics;
using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell.LocalKms;
using KmsPowerShell.Engine.Session;

// The peer of the cmdlet pipeline: a plain loop of raw SDK Encrypt calls against the same in-process local KMS.
// Usage: KmsPowerShell.Bench raw-encrypt <count>
if (args.Length != 2 || args[0] != "raw-encrypt" || !int.TryParse(args[1], out var count))
{
    Console.Error.WriteLine("usage: KmsPowerShell.Bench raw-encrypt <count>");
    return 2;
}

using var service = new LocalKmsService();
using var factory = new LocalKmsHttpClientFactory(service);
var config = new AmazonKeyManagementServiceConfig
{
    ServiceURL = LocalKmsHttpClientFactory.Endpoint.ToString(),
    AuthenticationRegion = "us-east-1",
    HttpClientFactory = factory,
};
using var client = new AmazonKeyManagementServiceClient(
    new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey), config);
var keyId = (await client.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;

async Task Loop(int n)
{
    for (var i = 0; i < n; i++)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes($"value-{i}");
        var response = await client.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = new MemoryStream(plaintext) });
        _ = Convert.ToBase64String(response.CiphertextBlob.ToArray());
    }
}

await Loop(Math.Min(500, count)); // warm-up, as the cmdlet run has
// The best of three timed loops, as the cmdlet run's sample is its best of three pipelines.
var best = TimeSpan.MaxValue;
for (var run = 0; run < 3; run++)
{
    var watch = Stopwatch.StartNew();
    await Loop(count);
    if (watch.Elapsed < best) best = watch.Elapsed;
}
Console.WriteLine(JsonSerializer.Serialize(new { Calls = count, TotalMs = best.TotalMilliseconds, MicrosecondsPerCall = best.TotalMilliseconds * 1000 / count }));
return 0;
