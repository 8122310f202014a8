namespace KmsPowerShell.Engine.Session;

/// <summary>Builds a session: resolves region, credentials and endpoint, and says where each came from.</summary>
public static class KmsSessionFactory
{
    public static KmsSession Create(KmsSessionOptions options, Action<string> verbose, Action<string> warn)
    {
        if (options.MaxAttempts is < 1 or > 20)
        {
            throw new KmsConfigurationException("MaxAttemptsInvalid", $"-MaxAttempts must be from 1 to 20, not {options.MaxAttempts}.");
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new KmsConfigurationException("TimeoutInvalid", "-Timeout must be longer than zero.");
        }

        if (options.Local) return LocalSessionFactory.Create(options, verbose);
        RemoteKmsHttpClientFactory.ForEverySdkClient();

        var profiles = new ProfileLookup(options);
        var (region, regionSource) = ResolveRegion(options, profiles);
        verbose($"Region {region} from {regionSource}.");

        var (endpoint, endpointSource) = ResolveEndpoint(options, profiles, warn);
        if (endpoint is not null) verbose($"Endpoint {endpoint} from {endpointSource}.");

        var credentials = CredentialResolver.Resolve(options, profiles);
        verbose($"Credentials from {credentials.Source}.");

        var env = options.Environment;
        var fips = options.UseFipsEndpoint ?? (EnvironmentNames.IsTrue(env(EnvironmentNames.UseFips)) || profiles.Profile?.UseFIPSEndpoint == true);
        var dualStack = options.UseDualStackEndpoint ?? (EnvironmentNames.IsTrue(env(EnvironmentNames.UseDualStack)) || profiles.Profile?.UseDualstackEndpoint == true);

        var settings = new ClientSettings(credentials.Credentials, credentials.Source, endpoint, options.RetryMode, options.MaxAttempts, options.Timeout, fips, dualStack);
        var description = new KmsSessionDescription(
            region, regionSource, profiles.Profile?.Name, credentials.Source, endpoint?.ToString(),
            options.RetryMode.ToString(), options.MaxAttempts, options.Timeout, fips, dualStack, options.Time.GetLocalNow());
        return new KmsSession(description, new KmsClientPool(settings));
    }

    private static (string Region, string Source) ResolveRegion(KmsSessionOptions options, ProfileLookup profiles)
    {
        if (!string.IsNullOrEmpty(options.Region)) return (RegionName.Require(options.Region, "-Region"), "-Region");
        foreach (var name in new[] { EnvironmentNames.Region, EnvironmentNames.DefaultRegion })
        {
            var value = options.Environment(name);
            if (!string.IsNullOrWhiteSpace(value)) return (RegionName.Require(value.Trim(), name), name);
        }
        var fromProfile = profiles.Profile?.Region?.SystemName;
        if (!string.IsNullOrEmpty(fromProfile)) return (RegionName.Require(fromProfile, profiles.Source), profiles.Source);
        throw new KmsConfigurationException("RegionMissing",
            "No AWS region was given. Pass -Region (for example -Region us-east-1), run Connect-Kms -Region, " +
            "set AWS_REGION, or set 'region' in your profile with 'aws configure'.");
    }

    private static (Uri? Endpoint, string Source) ResolveEndpoint(KmsSessionOptions options, ProfileLookup profiles, Action<string> warn)
    {
        if (!string.IsNullOrEmpty(options.EndpointUrl))
        {
            return (EndpointPolicy.Check(options.EndpointUrl, "-EndpointUrl", options.AllowInsecureEndpoint, warn), "-EndpointUrl");
        }
        var env = options.Environment;
        if (EnvironmentNames.IsTrue(env(EnvironmentNames.IgnoreConfiguredEndpoints)) || profiles.Profile?.IgnoreConfiguredEndpointUrls == true)
        {
            return (null, "");
        }
        foreach (var name in new[] { EnvironmentNames.EndpointUrlKms, EnvironmentNames.EndpointUrl })
        {
            var value = env(name);
            if (!string.IsNullOrWhiteSpace(value)) return (EndpointPolicy.Check(value.Trim(), name, options.AllowInsecureEndpoint, warn), name);
        }
        var fromProfile = profiles.Profile?.EndpointUrl;
        if (!string.IsNullOrWhiteSpace(fromProfile))
        {
            return (EndpointPolicy.Check(fromProfile, profiles.Source, options.AllowInsecureEndpoint, warn), profiles.Source);
        }
        return (null, "");
    }
}
