using System.Globalization;
using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.Engine.Compliance;

/// <summary>What several checks need to know about a key, and how findings write dates, names and commands.</summary>
internal static class CheckFacts
{
    /// <summary>
    /// A customer-managed key that is not on its way out: AWS owns the policy, rotation and lifetime of AWS managed
    /// keys (none of it can be changed), and a key pending deletion has one finding, PendingDeletion, not a dozen.
    /// </summary>
    public static bool IsLiveCustomerKey(KeySnapshot key) =>
        key.IsCustomerManaged && key.Key.State is not ("PendingDeletion" or "PendingReplicaDeletion");

    /// <summary>
    /// Whether the key's rotation is its own to set: a multi-Region replica's is its primary's (KMS refuses to change it
    /// on the replica), so a rotation finding is about the primary key.
    /// </summary>
    public static bool SetsOwnRotation(KeySnapshot key) => key.Key.MultiRegionKeyType != "REPLICA";

    /// <summary>How a problem names the key: its first alias, else its id.</summary>
    public static string Name(KeySnapshot key) => key.FirstAlias ?? key.Key.KeyId;

    /// <summary>The account that owns the key (from its ARN), else the account scanned.</summary>
    public static string OwnAccount(KeySnapshot key) => key.Key.AccountId.Length > 0 ? key.Key.AccountId : key.Scope.Account;

    /// <summary>Whether principals of <paramref name="account"/> may be allowed on the key: its own account or a trusted one.</summary>
    public static bool IsTrusted(string account, KeySnapshot key, ComplianceSettings settings) =>
        account == OwnAccount(key) || settings.TrustedAccounts.Contains(account);

    /// <summary>The account of a principal ARN; null for a service principal or anything that is no ARN.</summary>
    public static string? AccountOf(string principal) => PrincipalIdentity.Of(principal).Account is { Length: > 0 } account ? account : null;

    public static bool IsUnreadable(KeySnapshot key, string part) => key.Unreadable.ContainsKey(part);

    /// <summary>A date as KMS returned it (local or UTC) as a point in time; a date of no kind is read as UTC.</summary>
    public static DateTimeOffset At(DateTime date) =>
        date.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : new DateTimeOffset(date);

    /// <summary>Whole days from <paramref name="date"/> to the time the scan judges at.</summary>
    public static int DaysSince(DateTime date, ComplianceSettings settings) => (int)Math.Floor((settings.Now - At(date)).TotalDays);

    public static string Text(DateTime date) => At(date).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A value as a PowerShell single-quoted string.</summary>
    public static string Quoted(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public static readonly IReadOnlyDictionary<string, string> NoArguments = new Dictionary<string, string>();
}
