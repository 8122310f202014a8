namespace KmsPowerShell;

/// <summary>
/// One problem with one KMS key (or custom key store) in one account and region, as Get-KmsComplianceFinding reports
/// it: which check found it, how bad it is, the facts it rests on, and the command that fixes it. Plain data, so a
/// script may make its own findings and export them with the others.
/// </summary>
public sealed class KmsComplianceFinding
{
    /// <summary>The AWS account of the key.</summary>
    public string Account { get; init; } = "";

    /// <summary>The region of the key.</summary>
    public string Region { get; init; } = "";

    /// <summary>The shared config profile the account was reached with; null for the session's own credentials.</summary>
    public string? ProfileName { get; init; }

    /// <summary>The role assumed to reach the account; null when none was.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The key id; null for a finding about a custom key store.</summary>
    public string? KeyId { get; init; }

    /// <summary>The key ARN; null for a finding about a custom key store.</summary>
    public string? KeyArn { get; init; }

    /// <summary>The key's first alias name, if it has one.</summary>
    public string? Alias { get; init; }

    /// <summary>The custom key store the finding is about (or the key's store); null for other keys.</summary>
    public string? CustomKeyStoreId { get; init; }

    /// <summary>The check that found the problem: a stable id such as RotationDisabled (see about_KmsCompliance).</summary>
    public string CheckId { get; init; } = "";

    /// <summary>How bad the problem is.</summary>
    public KmsFindingSeverity Severity { get; init; }

    /// <summary>The check's one-line title, the same for every finding of that check.</summary>
    public string Title { get; init; } = "";

    /// <summary>What is wrong with this key, in one sentence.</summary>
    public string Problem { get; init; } = "";

    /// <summary>The facts the finding rests on (the policy statement, the grant, the dates).</summary>
    public string Evidence { get; init; } = "";

    /// <summary>The command that fixes it, as a user would type it; null when the fix needs a person's judgement.</summary>
    public string? Remediation { get; init; }

    /// <summary>What Repair-KmsComplianceFinding applies; null when there is nothing it can apply.</summary>
    public KmsComplianceFix? Fix { get; init; }

    /// <summary>The AWS Security Hub control this check maps to (KMS.4), if any.</summary>
    public string? SecurityHubControl { get; init; }

    /// <summary>The CIS AWS Foundations Benchmark recommendation this check maps to, if any.</summary>
    public string? CisControl { get; init; }

    /// <summary>When the facts were read.</summary>
    public DateTimeOffset ObservedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{CheckId} {KeyId ?? CustomKeyStoreId}";
}

/// <summary>How bad a compliance finding is, as Security Hub grades them.</summary>
public enum KmsFindingSeverity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Informational = 0,
    /// <summary>Tidiness: a missing tag, description or alias.</summary>
    Low = 1,
    /// <summary>A weakness to fix in the normal course (rotation off).</summary>
    Medium = 2,
    /// <summary>Access or availability at risk (another account allowed, material about to expire).</summary>
    High = 3,
    /// <summary>Data at risk now (anyone allowed, a key about to be deleted).</summary>
    Critical = 4,
}

/// <summary>
/// A change that fixes a finding: what to do and its arguments (for example Action EnableKeyRotation with
/// RotationPeriodInDays 365; RetireGrant with GrantId; TagResource with TagKey and TagValue).
/// </summary>
/// <param name="Action">A <see cref="KmsComplianceFixActions"/> name.</param>
/// <param name="Arguments">Its arguments by name; empty when it needs none.</param>
/// <param name="IsPolicyChange">True for a change of a key policy (Repair asks with ConfirmImpact High).</param>
public sealed record KmsComplianceFix(string Action, IReadOnlyDictionary<string, string> Arguments, bool IsPolicyChange = false);

/// <summary>The fixes Repair-KmsComplianceFinding knows how to apply.</summary>
public static class KmsComplianceFixActions
{
    /// <summary>Enable automatic rotation (argument RotationPeriodInDays, optional).</summary>
    public const string EnableKeyRotation = "EnableKeyRotation";
    /// <summary>Cancel a scheduled deletion; the key comes back Disabled.</summary>
    public const string CancelKeyDeletion = "CancelKeyDeletion";
    /// <summary>Retire a grant (argument GrantId).</summary>
    public const string RetireGrant = "RetireGrant";
    /// <summary>Revoke a grant (argument GrantId).</summary>
    public const string RevokeGrant = "RevokeGrant";
    /// <summary>Tag the key (arguments TagKey and TagValue).</summary>
    public const string TagResource = "TagResource";
    /// <summary>Connect a custom key store (the finding's CustomKeyStoreId).</summary>
    public const string ConnectCustomKeyStore = "ConnectCustomKeyStore";
    /// <summary>Replace the key policy (argument Policy: the new policy JSON).</summary>
    public const string PutKeyPolicy = "PutKeyPolicy";
}
