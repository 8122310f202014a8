using KmsPowerShell.Engine.Compliance;
using KmsPowerShell.Tests.Interop;
using static KmsPowerShell.Tests.Compliance.Snapshots;

namespace KmsPowerShell.Tests.Compliance;

public class ComplianceChecksTests
{
    [Fact]
    public void All_HealthyKey_NoFindings()
    {
        Assert.Empty(AllFindings(Snapshot()));
    }

    [Fact]
    public void All_IdsAreUniqueAndEveryCheckHasATitle()
    {
        var ids = ComplianceChecks.All.Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ComplianceChecks.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
    }

    /// <summary>AWS owns the policy, rotation and lifetime of AWS managed keys: nothing about them is the admin's to fix.</summary>
    [Fact]
    public void All_AwsManagedKeyWithEveryProblem_NoFindings()
    {
        var key = Key(state: "Disabled", manager: "AWS", description: "");
        var snapshot = Snapshot(key, PolicyWith("""{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}"""),
            Rotation(key, enabled: false), UsedDaysAgo(key, 900), [Grant("arn:aws:iam::444455556666:root", 900, "Decrypt")], [], withAlias: false);
        Assert.Empty(AllFindings(snapshot));
    }

    /// <summary>A key pending deletion has that one finding, not one for each thing that would matter if it stayed.</summary>
    [Fact]
    public void All_PendingDeletionKeyWithOtherProblems_OnlyPendingDeletion()
    {
        var key = Key(state: "PendingDeletion", description: "", deletionDate: DaysAgo(-5));
        var snapshot = Snapshot(key, PolicyWith("""{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}"""),
            Rotation(key, enabled: false), UsedDaysAgo(key, 900), [Grant("arn:aws:iam::444455556666:root", 900, "Decrypt")], [], withAlias: false);
        Assert.Equal(["PendingDeletion"], AllFindings(snapshot).Select(f => f.CheckId));
    }

    [Fact]
    public void ForKey_SettingsNameChecks_OnlyThoseRun()
    {
        var key = Key(description: "");
        var snapshot = Snapshot(key, rotation: Rotation(key, enabled: false));
        var settings = new ComplianceSettings { Now = Now, CheckIds = ["descriptionmissing"] };
        Assert.Equal(["DescriptionMissing"], ComplianceChecks.ForKey(snapshot, settings).Select(f => f.CheckId));
    }

    /// <summary>about_KmsCompliance documents every check: its id has a section of its own.</summary>
    [Fact]
    public void AboutKmsCompliance_HasASectionForEveryCheck()
    {
        var about = File.ReadAllLines(Path.Combine(JavaScriptEsdk.RepositoryRoot(), "docs", "en-US", "about_KmsCompliance.md"));
        var sections = about.Where(l => l.StartsWith("### ", StringComparison.Ordinal)).Select(l => l[4..].Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.All(ComplianceChecks.All, check => Assert.Contains(check.Id, sections));
    }
}
