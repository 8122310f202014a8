using KmsPowerShell.Engine.Compliance;

namespace KmsPowerShell.Tests.Compliance;

/// <summary>Keys as a compliance scan reads them: a healthy customer key unless a test says otherwise.</summary>
internal static class Snapshots
{
    public const string Account = "111122223333";
    public const string OtherAccount = "444455556666";
    public const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string KeyArn = $"arn:aws:kms:us-east-1:{Account}:key/{KeyId}";
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public const string RootPolicy = $$"""
        {"Version":"2012-10-17","Id":"key-default-1","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"}]}
        """;

    /// <summary>The root statement and one more.</summary>
    public static string PolicyWith(string statement) => $$"""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:*","Resource":"*"},
          {{statement}}]}
        """;

    public static ComplianceSettings Settings(params string[] requiredTags) => new() { Now = Now, RequiredTags = requiredTags };

    public static DateTime DaysAgo(double days) => Now.UtcDateTime.AddDays(-days).ToLocalTime();

    public static KmsKey Key(
        string state = "Enabled", string manager = "CUSTOMER", string origin = "AWS_KMS", string description = "orders database",
        string keyId = KeyId, string region = "us-east-1", bool multiRegion = false, string multiRegionKeyType = "",
        DateTime? deletionDate = null, DateTime? validTo = null, string keySpec = "SYMMETRIC_DEFAULT") =>
        new(keyId, $"arn:aws:kms:{region}:{Account}:key/{keyId}", region)
        {
            State = state, Enabled = state == "Enabled", KeyManager = manager, Origin = origin, Description = description,
            KeySpec = keySpec, KeyUsage = "ENCRYPT_DECRYPT", CreationDate = DaysAgo(400), DeletionDate = deletionDate,
            PendingDeletionWindowInDays = deletionDate is null ? null : 7, MultiRegion = multiRegion,
            MultiRegionKeyType = multiRegionKeyType, ValidTo = validTo, AccountId = Account,
            ExpirationModel = validTo is null ? "" : "KEY_MATERIAL_EXPIRES",
        };

    public static KmsKeyRotation Rotation(KmsKey key, bool enabled = true, int? period = 365) =>
        new(key.KeyArn, key.Region) { RotationEnabled = enabled, RotationPeriodInDays = enabled ? period : null };

    public static KmsKeyLastUsage UsedDaysAgo(KmsKey key, double days) => new(key.KeyArn, key.Region)
    {
        Operation = "Decrypt", LastUsedDate = DaysAgo(days), TrackingStartDate = DaysAgo(500), KeyCreationDate = key.CreationDate,
    };

    public static KmsGrant Grant(string grantee, double ageDays = 10, params string[] operations) =>
        new(KeyArn, "grant-1", "us-east-1")
        {
            GranteePrincipal = grantee, Operations = operations.Length > 0 ? operations : ["Encrypt"], CreationDate = DaysAgo(ageDays),
        };

    /// <summary>A snapshot of <paramref name="key"/> (a healthy one when null) with what else the test gives.</summary>
    public static KeySnapshot Snapshot(
        KmsKey? key = null, string? policy = RootPolicy, KmsKeyRotation? rotation = null, KmsKeyLastUsage? lastUsage = null,
        IReadOnlyList<KmsGrant>? grants = null, IReadOnlyList<KmsTag>? tags = null, bool withAlias = true,
        IReadOnlyDictionary<string, string>? unreadable = null)
    {
        key ??= Key();
        return new KeySnapshot
        {
            Scope = new ComplianceScope(Account, key.Region),
            Key = key,
            Aliases = withAlias ? [new KmsAlias("alias/orders", $"arn:aws:kms:{key.Region}:{Account}:alias/orders", key.KeyId, key.Region)] : [],
            Tags = tags ?? [new KmsTag(key.KeyArn, key.Region, "Owner", "data-team")],
            Policy = policy,
            Grants = grants ?? [],
            Rotation = rotation ?? Rotation(key),
            LastUsage = lastUsage ?? UsedDaysAgo(key, 3),
            Unreadable = unreadable ?? new Dictionary<string, string>(),
            ObservedAt = Now,
        };
    }

    /// <summary>Every finding of every check about <paramref name="key"/>.</summary>
    public static List<KmsComplianceFinding> AllFindings(KeySnapshot key, ComplianceSettings? settings = null) =>
        [.. ComplianceChecks.ForKey(key, settings ?? Settings("Owner"))];

    /// <summary>The findings of one check about <paramref name="key"/>.</summary>
    public static List<KmsComplianceFinding> Findings<TCheck>(KeySnapshot key, ComplianceSettings? settings = null)
        where TCheck : ComplianceCheck, new() =>
        [.. new TCheck().CheckKey(key, settings ?? Settings("Owner"))];
}
