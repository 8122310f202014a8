using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using KmsPowerShell.LocalKms;
using KmsPowerShell.LocalKms.Http;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.LocalKms.Tests;

/// <summary>A local KMS with a settable clock, and real SDK clients that talk to it in process.</summary>
internal sealed class LocalKmsHarness : IDisposable
{
    public static readonly LocalKmsPrincipal PrincipalB =
        new("AKIAPRINCIPALB000001", "principal-b-secret", "arn:aws:iam::444455556666:user/b", "444455556666");

    private readonly List<IDisposable> _owned = [];

    public LocalKmsHarness(string? statePath = null, TimeSpan grantPropagationDelay = default, LocalKmsFaults? faults = null,
        TimeProvider? signatureClock = null, TimeProvider? clock = null, TimeSpan replicaCreationDelay = default,
        TimeSpan customKeyStoreConnectionDelay = default)
    {
        Clock = new LocalKmsClock(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero));
        Service = new LocalKmsService(new LocalKmsOptions
        {
            StatePath = statePath,
            Clock = clock ?? Clock,
            SignatureClock = signatureClock ?? TimeProvider.System,
            Principals = [PrincipalB],
            GrantPropagationDelay = grantPropagationDelay,
            ReplicaCreationDelay = replicaCreationDelay,
            CustomKeyStoreConnectionDelay = customKeyStoreConnectionDelay,
            Faults = faults ?? LocalKmsFaults.None,
        });
        Factory = new LocalKmsHttpClientFactory(Service);
        _owned.Add(Factory);
        _owned.Add(Service);
    }

    /// <summary>The settable clock; the service runs on another when the constructor was given one.</summary>
    public LocalKmsClock Clock { get; }
    public LocalKmsService Service { get; }
    public LocalKmsHttpClientFactory Factory { get; }

    public AmazonKeyManagementServiceClient Client(string region = "us-east-1", LocalKmsPrincipal? principal = null, string? secretOverride = null,
        int maxErrorRetry = 0)
    {
        var signer = principal ?? LocalKmsPrincipal.Default;
        return Client(new BasicAWSCredentials(signer.AccessKeyId, secretOverride ?? signer.SecretAccessKey), region, maxErrorRetry);
    }

    /// <summary>A client that signs with <paramref name="credentials"/> (temporary ones of an assumed role, for instance).</summary>
    public AmazonKeyManagementServiceClient Client(AWSCredentials credentials, string region = "us-east-1", int maxErrorRetry = 0)
    {
        var config = new AmazonKeyManagementServiceConfig
        {
            ServiceURL = LocalKmsHttpClientFactory.Endpoint.ToString(),
            AuthenticationRegion = region,
            HttpClientFactory = Factory,
            MaxErrorRetry = maxErrorRetry,
        };
        var client = new AmazonKeyManagementServiceClient(credentials, config);
        _owned.Add(client);
        return client;
    }

    /// <summary>An STS client of the local KMS (GetCallerIdentity, AssumeRole) that signs with <paramref name="credentials"/>; the caller disposes it.</summary>
    public AmazonSecurityTokenServiceClient StsClient(AWSCredentials credentials, string region = "us-east-1") =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = LocalKmsHttpClientFactory.Endpoint.ToString(),
            AuthenticationRegion = region,
            HttpClientFactory = Factory,
            MaxErrorRetry = 0,
        });

    public AmazonKeyManagementServiceClient ClientB(string region = "us-east-1") => Client(region, PrincipalB);

    public async Task<KeyMetadata> CreateKeyAsync(AmazonKeyManagementServiceClient? client = null, CreateKeyRequest? request = null) =>
        (await (client ?? Client()).CreateKeyAsync(request ?? new CreateKeyRequest())).KeyMetadata;

    public static MemoryStream Bytes(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public static string Text(MemoryStream stream) => System.Text.Encoding.UTF8.GetString(stream.ToArray());

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
    }
}
