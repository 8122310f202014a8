namespace KmsPowerShell.Engine.Session;

/// <summary>The environment variables of the standard AWS chain that we read ourselves.</summary>
internal static class EnvironmentNames
{
    public const string Profile = "AWS_PROFILE";
    public const string Region = "AWS_REGION";
    public const string DefaultRegion = "AWS_DEFAULT_REGION";
    public const string EndpointUrlKms = "AWS_ENDPOINT_URL_KMS";
    public const string EndpointUrl = "AWS_ENDPOINT_URL";
    public const string IgnoreConfiguredEndpoints = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    public const string AccessKeyId = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    public const string SessionToken = "AWS_SESSION_TOKEN";
    public const string WebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE";
    public const string ContainerRelativeUri = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    public const string ContainerFullUri = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public const string MetadataDisabled = "AWS_EC2_METADATA_DISABLED";
    public const string UseFips = "AWS_USE_FIPS_ENDPOINT";
    public const string UseDualStack = "AWS_USE_DUALSTACK_ENDPOINT";

    public static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
