namespace KmsPowerShell.LocalKms;

/// <summary>
/// Someone who can sign requests to the local KMS. An account administrator may do everything to its account's keys
/// (as the default key policy plus an admin IAM policy would allow); any other principal has no IAM permissions and
/// may only do what grants on a key allow.
/// </summary>
public sealed record LocalKmsPrincipal(string AccessKeyId, string SecretAccessKey, string PrincipalArn, string Account, bool IsAccountAdministrator = false)
{
    public const string DefaultAccount = "111122223333";
    public const string DefaultPrincipalArn = "arn:aws:iam::111122223333:user/local-admin";

    /// <summary>The well-known access key of the default principal; not a secret, like moto's "testing".</summary>
    public const string DefaultAccessKeyId = "AKIALOCALKMSEXAMPLE1";

    public const string DefaultSecretAccessKey = "localkms/DefaultSecretKey/NotASecret0000";

    public static LocalKmsPrincipal Default { get; } =
        new(DefaultAccessKeyId, DefaultSecretAccessKey, DefaultPrincipalArn, DefaultAccount, IsAccountAdministrator: true);

    /// <summary>The account's root principal, the issuing account of grants.</summary>
    public string AccountRootArn => $"arn:aws:iam::{Account}:root";

    /// <summary>IAM's AdministratorAccess: what an account administrator's identity policy allows.</summary>
    public const string AdministratorAccessPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    public IReadOnlyList<string> IdentityPolicies { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> EffectiveIdentityPolicies => IsAccountAdministrator ? [.. IdentityPolicies, AdministratorAccessPolicy] : IdentityPolicies;

    public override string ToString() => PrincipalArn;
}
