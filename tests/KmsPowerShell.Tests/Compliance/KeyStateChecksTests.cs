using KmsPowerShell.Engine.Compliance;
using static KmsPowerShell.Tests.Compliance.Snapshots;

namespace KmsPowerShell.Tests.Compliance;

public class KeyStateChecksTests
{
    [Fact]
    public void RotationDisabled_RotationOff_OneFindingThatEnablesIt()
    {
        var key = Key();
        var finding = Assert.Single(Findings<RotationDisabledCheck>(Snapshot(key, rotation: Rotation(key, enabled: false))));
        Assert.Equal(("RotationDisabled", KmsFindingSeverity.Medium, "KMS.4"), (finding.CheckId, finding.Severity, finding.SecurityHubControl));
        Assert.Contains("v3.0.0 3.6", finding.CisControl);
        Assert.Equal((Account, "us-east-1", KeyArn, "alias/orders"), (finding.Account, finding.Region, finding.KeyArn, finding.Alias));
        Assert.Equal($"Enable-KmsKeyRotation -KeyId '{KeyArn}'", finding.Remediation);
        Assert.Equal(KmsComplianceFixActions.EnableKeyRotation, finding.Fix?.Action);
    }

    [Theory]
    [InlineData("PendingDeletion", "CUSTOMER", "AWS_KMS", "SYMMETRIC_DEFAULT")]
    [InlineData("Enabled", "AWS", "AWS_KMS", "SYMMETRIC_DEFAULT")]
    [InlineData("Enabled", "CUSTOMER", "EXTERNAL", "SYMMETRIC_DEFAULT")]
    [InlineData("Enabled", "CUSTOMER", "AWS_KMS", "RSA_2048")]
    public void RotationDisabled_KeyRotationDoesNotApplyTo_NoFinding(string state, string manager, string origin, string spec)
    {
        var key = Key(state: state, manager: manager, origin: origin, keySpec: spec, deletionDate: state == "Enabled" ? null : DaysAgo(-3));
        Assert.Empty(Findings<RotationDisabledCheck>(Snapshot(key, rotation: Rotation(key, enabled: false))));
    }

    /// <summary>KMS manages a replica's rotation on its primary only: the finding (and its fix) is the primary's.</summary>
    [Fact]
    public void RotationChecks_MultiRegionReplica_NoFinding()
    {
        var replica = Key(keyId: "mrk-1234abcd12ab34cd56ef1234567890ab", region: "eu-west-1", multiRegion: true, multiRegionKeyType: "REPLICA");
        var primary = Key(keyId: "mrk-1234abcd12ab34cd56ef1234567890ab", multiRegion: true, multiRegionKeyType: "PRIMARY");
        Assert.Empty(Findings<RotationDisabledCheck>(Snapshot(replica, rotation: Rotation(replica, enabled: false))));
        Assert.Empty(Findings<RotationPeriodTooLongCheck>(Snapshot(replica, rotation: Rotation(replica, period: 730))));
        Assert.Single(Findings<RotationDisabledCheck>(Snapshot(primary, rotation: Rotation(primary, enabled: false))));
    }

    [Fact]
    public void RotationPeriodTooLong_PeriodOverMaximum_FindingSetsTheMaximum()
    {
        var key = Key();
        var finding = Assert.Single(Findings<RotationPeriodTooLongCheck>(Snapshot(key, rotation: Rotation(key, period: 730))));
        Assert.Contains("every 730 days", finding.Problem);
        Assert.Equal($"Enable-KmsKeyRotation -KeyId '{KeyArn}' -RotationPeriodInDays 365", finding.Remediation);
        Assert.Equal("365", finding.Fix?.Arguments["RotationPeriodInDays"]);
    }

    [Fact]
    public void RotationPeriodTooLong_PeriodAtMaximum_NoFinding()
    {
        var key = Key();
        Assert.Empty(Findings<RotationPeriodTooLongCheck>(Snapshot(key, rotation: Rotation(key, period: 365))));
    }

    [Fact]
    public void PendingDeletion_KeyScheduled_CriticalFindingWithTheDate()
    {
        var deletion = new DateTime(2026, 6, 8, 12, 0, 0, DateTimeKind.Utc).ToLocalTime();
        var finding = Assert.Single(Findings<PendingDeletionCheck>(Snapshot(Key(state: "PendingDeletion", deletionDate: deletion))));
        Assert.Equal((KmsFindingSeverity.Critical, "KMS.3"), (finding.Severity, finding.SecurityHubControl));
        Assert.Contains("2026-06-08 12:00 UTC", finding.Problem);
        Assert.Equal($"Undo-KmsKeyRemoval -KeyId '{KeyArn}'", finding.Remediation);
        Assert.Equal(KmsComplianceFixActions.CancelKeyDeletion, finding.Fix?.Action);
    }

    [Fact]
    public void PendingDeletion_EnabledKey_NoFinding()
    {
        Assert.Empty(Findings<PendingDeletionCheck>(Snapshot()));
    }

    [Fact]
    public void KeyDisabled_DisabledKey_FindingForAPersonToDecide()
    {
        var finding = Assert.Single(Findings<KeyDisabledCheck>(Snapshot(Key(state: "Disabled"))));
        Assert.Equal(KmsFindingSeverity.Medium, finding.Severity);
        Assert.Null(finding.Remediation);
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void KeyDisabled_EnabledKey_NoFinding()
    {
        Assert.Empty(Findings<KeyDisabledCheck>(Snapshot()));
    }

    [Fact]
    public void KeyUnused_LastUsedLongAgo_Finding()
    {
        var key = Key();
        var finding = Assert.Single(Findings<KeyUnusedCheck>(Snapshot(key, lastUsage: UsedDaysAgo(key, 120))));
        Assert.Contains("120 days ago", finding.Problem);
        Assert.Contains("last Decrypt", finding.Evidence);
    }

    [Fact]
    public void KeyUnused_UsedRecently_NoFinding()
    {
        var key = Key();
        Assert.Empty(Findings<KeyUnusedCheck>(Snapshot(key, lastUsage: UsedDaysAgo(key, 89))));
    }

    [Fact]
    public void KeyUnused_NeverUsedSinceCreation_CountsFromCreation()
    {
        var key = Key();
        var usage = new KmsKeyLastUsage(KeyArn, "us-east-1") { TrackingStartDate = DaysAgo(500), KeyCreationDate = DaysAgo(100) };
        var finding = Assert.Single(Findings<KeyUnusedCheck>(Snapshot(key, lastUsage: usage)));
        Assert.Contains("100 days", finding.Problem);
    }

    /// <summary>Before tracking began only CloudTrail knows: the key is unused only since then, and 30 days is not too long.</summary>
    [Fact]
    public void KeyUnused_OlderThanTrackingAndTrackingRecent_NoFinding()
    {
        var key = Key();
        var usage = new KmsKeyLastUsage(KeyArn, "us-east-1") { TrackingStartDate = DaysAgo(30), KeyCreationDate = DaysAgo(400) };
        Assert.Empty(Findings<KeyUnusedCheck>(Snapshot(key, lastUsage: usage)));
    }

    [Fact]
    public void KeyUnused_LastUsageUnreadable_NoFinding()
    {
        var snapshot = new KeySnapshot
        {
            Scope = new ComplianceScope(Account, "us-east-1"), Key = Key(), LastUsage = null,
            Unreadable = new Dictionary<string, string> { ["LastUsage"] = "AccessDenied" }, ObservedAt = Now,
        };
        Assert.Empty(Findings<KeyUnusedCheck>(snapshot));
    }

    [Fact]
    public void ImportedMaterialExpiring_CurrentMaterialExpiresWithinDays_Finding()
    {
        var finding = Assert.Single(Findings<ImportedMaterialExpiringCheck>(Snapshot(Key(origin: "EXTERNAL", validTo: DaysAgo(-10)))));
        Assert.Equal(KmsFindingSeverity.High, finding.Severity);
        Assert.Contains("expires on", finding.Problem);
    }

    [Fact]
    public void ImportedMaterialExpiring_ExpiresLater_NoFinding()
    {
        Assert.Empty(Findings<ImportedMaterialExpiringCheck>(Snapshot(Key(origin: "EXTERNAL", validTo: DaysAgo(-60)))));
    }

    [Fact]
    public void ImportedMaterialExpiring_AnOlderMaterialExpires_FindingNamesIt()
    {
        var key = Key(origin: "EXTERNAL");
        var rotation = new KmsKeyRotation(key.KeyArn, key.Region)
        {
            KeyMaterials = [new KmsKeyRotationEntry(DaysAgo(50), "ON_DEMAND") { KeyMaterialId = "material-1", ValidTo = DaysAgo(-5) }],
        };
        var finding = Assert.Single(Findings<ImportedMaterialExpiringCheck>(Snapshot(key, rotation: rotation)));
        Assert.Contains("key material material-1", finding.Evidence);
    }
}
