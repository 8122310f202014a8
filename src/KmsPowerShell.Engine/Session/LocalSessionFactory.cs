using Amazon.Runtime;
using KmsPowerShell.LocalKms;

namespace KmsPowerShell.Engine.Session;

/// <summary>
/// A session on the local KMS in this process: no AWS account, no network. Requests still go through the real SDK
/// pipeline (signed, retried, unmarshalled), handed to the local KMS by an HttpClientFactory.
/// </summary>
internal static class LocalSessionFactory
{
    public static KmsSession Create(KmsSessionOptions options, Action<string> verbose)
    {
        var statePath = string.IsNullOrEmpty(options.LocalStatePath) ? null : Path.GetFullPath(options.LocalStatePath);
        var (region, regionSource) = LocalRegion(options);
        var (credentials, principal) = string.IsNullOrEmpty(options.AccessKey)
            ? (new BasicAWSCredentials(LocalKmsPrincipal.DefaultAccessKeyId, LocalKmsPrincipal.DefaultSecretAccessKey), LocalKmsPrincipal.DefaultPrincipalArn)
            : (string.IsNullOrEmpty(options.SessionToken)
                ? (AWSCredentials)new BasicAWSCredentials(options.AccessKey, options.SecretKey ?? "")
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey ?? "", options.SessionToken), $"access key {options.AccessKey}");
        var source = $"local KMS ({principal})";
        verbose($"Local KMS {(statePath is null ? "in memory" : $"with state in {statePath}")}; region {region} from {regionSource}; signing as {principal}.");

        // The session holds its local KMS until it closes: the last holder of a state file releases the file's lock.
        var hold = LocalKmsRegistry.Open(statePath, out var instance);
        var settings = new ClientSettings(credentials, source, LocalKmsHttpClientFactory.Endpoint, options.RetryMode, options.MaxAttempts,
            options.Timeout, false, false, new LocalKmsHttpClientFactory(instance));
        var description = new KmsSessionDescription(region, regionSource, null, source, null, options.RetryMode.ToString(),
            options.MaxAttempts, options.Timeout, false, false, options.Time.GetLocalNow())
        {
            IsLocal = true,
            LocalStatePath = statePath,
        };
        return new KmsSession(description, new KmsClientPool(settings, hold));
    }

    private static (string Region, string Source) LocalRegion(KmsSessionOptions options)
    {
        if (!string.IsNullOrEmpty(options.Region)) return (RegionName.Require(options.Region, "-Region"), "-Region");
        foreach (var name in new[] { EnvironmentNames.Region, EnvironmentNames.DefaultRegion })
        {
            var value = options.Environment(name);
            if (!string.IsNullOrWhiteSpace(value)) return (RegionName.Require(value.Trim(), name), name);
        }
        return ("us-east-1", "the local KMS default");
    }
}
