using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms;

/// <summary>
/// Someone who can sign requests to the local KMS, with the IAM identity policies and principal tags AWS would read
/// for it. An account administrator has AdministratorAccess besides its own policies (<see cref="EffectiveIdentityPolicies"/>).
/// </summary>
public sealed record LocalKmsPrincipal(string AccessKeyId, string SecretAccessKey, string PrincipalArn, string Account, bool IsAccountAdministrator = false)
{
    public const string DefaultAccount = "111122223333";
    public const string DefaultPrincipalArn = "arn:aws:iam::111122223333:user/local-admin";

    /// <summary>The well-known access key of the default principal; not a secret, like moto's "testing".</summary>
    public const string DefaultAccessKeyId = "AKIALOCALKMSEXAMPLE1";

    public const string DefaultSecretAccessKey = "localkms/DefaultSecretKey/NotASecret0000";

    /// <summary>The identity policy of AWS's AdministratorAccess, which an account administrator has.</summary>
    public const string AdministratorAccessPolicy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public static LocalKmsPrincipal Default { get; } =
        new(DefaultAccessKeyId, DefaultSecretAccessKey, DefaultPrincipalArn, DefaultAccount, IsAccountAdministrator: true);

    /// <summary>The IAM policies (JSON texts) attached to the principal.</summary>
    public IReadOnlyList<string> IdentityPolicies { get; init; } = [];

    /// <summary>The principal's tags (aws:PrincipalTag/key); keys are matched case-insensitively, as IAM's.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>Every identity policy that applies: <see cref="IdentityPolicies"/>, and AdministratorAccess for an administrator.</summary>
    public IReadOnlyList<string> EffectiveIdentityPolicies =>
        IsAccountAdministrator ? [.. IdentityPolicies, AdministratorAccessPolicy] : IdentityPolicies;

    /// <summary>The account's root principal, the issuing account of grants, in the partition of <see cref="PrincipalArn"/>.</summary>
    public string AccountRootArn => KmsPartition.AccountRootArn(KmsPartition.OfArnOrAws(PrincipalArn), Account);

    /// <summary>
    /// The principal as requests signed for <paramref name="region"/> see it: its ARN in the Region's partition
    /// (arn:aws-cn:iam::111122223333:user/local-admin in cn-north-1), as the same account's principal is named there.
    /// </summary>
    public LocalKmsPrincipal InPartitionOf(string region) =>
        KmsPartition.OfArn(PrincipalArn) == KmsPartition.Of(region) ? this : this with { PrincipalArn = KmsPartition.WithPartition(PrincipalArn, KmsPartition.Of(region)) };

    public override string ToString() => PrincipalArn;

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
