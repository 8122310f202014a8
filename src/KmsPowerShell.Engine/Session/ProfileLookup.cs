using Amazon.Runtime.CredentialManagement;

namespace KmsPowerShell.Engine.Session;

/// <summary>Finds the shared config profile a session uses: the one named, else AWS_PROFILE, else "default" if it exists.</summary>
internal sealed class ProfileLookup
{
    private readonly CredentialProfileStoreChain _chain = new();

    public ProfileLookup(KmsSessionOptions options)
    {
        var env = options.Environment(EnvironmentNames.Profile);
        var name = !string.IsNullOrEmpty(options.ProfileName) ? options.ProfileName : env;
        var source = !string.IsNullOrEmpty(options.ProfileName) ? "-ProfileName" : EnvironmentNames.Profile;
        if (!string.IsNullOrEmpty(name))
        {
            if (!_chain.TryGetProfile(name, out var profile))
            {
                throw new KmsConfigurationException("ProfileNotFound",
                    $"The profile '{name}' (from {source}) is not in the shared config or credentials file. " +
                    "List the profiles with 'aws configure list-profiles', or create it with 'aws configure --profile " + name + "'.",
                    new ProfileNotFoundException($"Profile {name} not found."));
            }
            Profile = profile;
            Source = $"profile '{name}' ({source})";
            Explicit = true;
        }
        else if (_chain.TryGetProfile("default", out var fallback))
        {
            Profile = fallback;
            Source = "profile 'default'";
        }
    }

    public CredentialProfile? Profile { get; }

    /// <summary>True when the user named the profile (parameter or AWS_PROFILE), so it must supply credentials.</summary>
    public bool Explicit { get; }

    public string Source { get; } = "";

    public CredentialProfileStoreChain Store => _chain;
}
