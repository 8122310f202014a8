using KmsPowerShell.Engine.Compliance;
using static KmsPowerShell.Tests.Compliance.Snapshots;

namespace KmsPowerShell.Tests.Compliance;

public class GrantChecksTests
{
    private const string Bob = $"arn:aws:iam::{Account}:role/bob";

    [Fact]
    public void GrantStale_OlderThanMaximum_FindingRetiresIt()
    {
        var finding = Assert.Single(Findings<GrantStaleCheck>(Snapshot(grants: [Grant(Bob, 400)])));
        Assert.Equal(KmsFindingSeverity.Medium, finding.Severity);
        Assert.Contains("400 days ago", finding.Problem);
        Assert.Equal($"Remove-KmsGrant -KeyId '{KeyArn}' -GrantId 'grant-1'", finding.Remediation);
        Assert.Equal((KmsComplianceFixActions.RetireGrant, "grant-1"), (finding.Fix?.Action, finding.Fix?.Arguments["GrantId"]));
    }

    [Fact]
    public void GrantStale_Recent_NoFinding()
    {
        Assert.Empty(Findings<GrantStaleCheck>(Snapshot(grants: [Grant(Bob, 364)])));
    }

    [Fact]
    public void GrantUntrustedAccount_GranteeOfAnotherAccount_FindingRevokesIt()
    {
        var grantee = $"arn:aws:iam::{OtherAccount}:role/partner";
        var finding = Assert.Single(Findings<GrantUntrustedAccountCheck>(Snapshot(grants: [Grant(grantee)])));
        Assert.Equal(KmsFindingSeverity.High, finding.Severity);
        Assert.Contains(grantee, finding.Problem);
        Assert.Equal(KmsComplianceFixActions.RevokeGrant, finding.Fix?.Action);
        Assert.Equal($"Revoke-KmsGrant -KeyId '{KeyArn}' -GrantId 'grant-1'", finding.Remediation);
    }

    [Theory]
    [InlineData($"arn:aws:iam::{Account}:role/bob")]
    [InlineData($"arn:aws:iam::{OtherAccount}:role/partner")]
    [InlineData("dynamodb.amazonaws.com")]
    public void GrantUntrustedAccount_OwnTrustedOrServiceGrantee_NoFinding(string grantee)
    {
        var settings = new ComplianceSettings { Now = Now, TrustedAccounts = [OtherAccount] };
        Assert.Empty(Findings<GrantUntrustedAccountCheck>(Snapshot(grants: [Grant(grantee)]), settings));
    }

    [Fact]
    public void GrantUnconstrainedDecrypt_DecryptWithoutConstraints_FindingForAPersonToDecide()
    {
        var finding = Assert.Single(Findings<GrantUnconstrainedDecryptCheck>(Snapshot(grants: [Grant(Bob, 10, "Decrypt", "Encrypt")])));
        Assert.Contains("Constraints = none", finding.Evidence);
        Assert.Null(finding.Remediation);
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void GrantUnconstrainedDecrypt_Constrained_NoFinding()
    {
        var grant = new KmsGrant(KeyArn, "grant-1", "us-east-1")
        {
            GranteePrincipal = Bob, Operations = ["Decrypt"], EncryptionContextSubset = new Dictionary<string, string> { ["app"] = "orders" },
        };
        Assert.Empty(Findings<GrantUnconstrainedDecryptCheck>(Snapshot(grants: [grant])));
    }

    [Fact]
    public void GrantUnconstrainedDecrypt_EncryptOnly_NoFinding()
    {
        Assert.Empty(Findings<GrantUnconstrainedDecryptCheck>(Snapshot(grants: [Grant(Bob, 10, "Encrypt", "GenerateDataKey")])));
    }
}
