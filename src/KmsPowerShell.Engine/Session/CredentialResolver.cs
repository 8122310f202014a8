using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace KmsPowerShell.Engine.Session;

internal sealed record ResolvedCredentials(AWSCredentials Credentials, string Source);

/// <summary>
/// The standard AWS credential chain, in the SDK's order and with the SDK's resolvers, but step by step so we can
/// say which source won and fail at once (never probing the instance metadata service off EC2).
/// </summary>
internal static class CredentialResolver
{
    public static ResolvedCredentials Resolve(KmsSessionOptions options, ProfileLookup profiles)
    {
        var env = options.Environment;
        if (!string.IsNullOrEmpty(options.AccessKey) || !string.IsNullOrEmpty(options.SecretKey))
        {
            if (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
            {
                throw new KmsConfigurationException("CredentialsIncomplete",
                    "-AccessKey and -SecretKey go together: pass both (and -SessionToken for temporary credentials), or use -Credential.");
            }
            return string.IsNullOrEmpty(options.SessionToken)
                ? new(new BasicAWSCredentials(options.AccessKey, options.SecretKey), "parameters")
                : new(new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken), "parameters (session token)");
        }

        if (profiles.Explicit && !string.IsNullOrEmpty(options.ProfileName))
        {
            return FromProfile(profiles) ?? throw NoCredentialsInProfile(profiles);
        }

        var (accessKeyId, secretAccessKey, sessionToken) = (env(EnvironmentNames.AccessKeyId), env(EnvironmentNames.SecretAccessKey), env(EnvironmentNames.SessionToken));
        if (!string.IsNullOrEmpty(accessKeyId) && !string.IsNullOrEmpty(secretAccessKey))
        {
            return string.IsNullOrEmpty(sessionToken)
                ? new(new BasicAWSCredentials(accessKeyId, secretAccessKey), "environment (AWS_ACCESS_KEY_ID)")
                : new(new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken), "environment (AWS_ACCESS_KEY_ID, AWS_SESSION_TOKEN)");
        }

        if (profiles.Profile is not null)
        {
            var fromProfile = FromProfile(profiles);
            if (fromProfile is not null) return fromProfile;
            if (profiles.Explicit) throw NoCredentialsInProfile(profiles);
        }

        if (!string.IsNullOrEmpty(env(EnvironmentNames.WebIdentityTokenFile)))
        {
            return new(AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables(), "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)");
        }

        if (!string.IsNullOrEmpty(env(EnvironmentNames.ContainerRelativeUri)) || !string.IsNullOrEmpty(env(EnvironmentNames.ContainerFullUri)))
        {
            return new(new GenericContainerCredentials(), "container credentials endpoint");
        }

        if (!EnvironmentNames.IsTrue(env(EnvironmentNames.MetadataDisabled)) && Ec2Detector.MayBeEc2())
        {
            return new(new InstanceProfileAWSCredentials(), "EC2 instance profile");
        }

        throw new KmsConfigurationException("CredentialsMissing",
            "No AWS credentials were found. Run Connect-Kms with -ProfileName, -Credential or -AccessKey and -SecretKey; " +
            "or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or run 'aws configure'. " +
            "To try the module without AWS, use the local KMS: Connect-Kms -Local.");
    }

    private static ResolvedCredentials? FromProfile(ProfileLookup profiles)
    {
        var profile = profiles.Profile!;
        if (!profile.CanCreateAWSCredentials) return null;
        var credentials = AWSCredentialsFactory.GetAWSCredentials(profile, profiles.Store);
        return new(credentials, $"{profiles.Source}, {Kind(profile.Options)}");
    }

    private static string Kind(CredentialProfileOptions options) =>
        !string.IsNullOrEmpty(options.RoleArn) ? "assume role"
        : !string.IsNullOrEmpty(options.SsoSession) || !string.IsNullOrEmpty(options.SsoStartUrl) ? "SSO"
        : !string.IsNullOrEmpty(options.CredentialProcess) ? "credential_process"
        : !string.IsNullOrEmpty(options.Token) ? "session keys"
        : "keys";

    private static KmsConfigurationException NoCredentialsInProfile(ProfileLookup profiles) =>
        new("ProfileHasNoCredentials",
            $"The {profiles.Source} has no usable credentials (keys, role_arn, sso_session or credential_process). " +
            "Add them with 'aws configure', or choose another profile.");
}
