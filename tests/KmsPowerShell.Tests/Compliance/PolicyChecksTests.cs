using KmsPowerShell.Engine.Compliance;
using static KmsPowerShell.Tests.Compliance.Snapshots;

namespace KmsPowerShell.Tests.Compliance;

public class PolicyChecksTests
{
    private const string Alice = $"arn:aws:iam::{Account}:user/alice";

    [Fact]
    public void PolicyPublic_WildcardPrincipalWithoutCondition_CriticalFindingWithTheStatement()
    {
        var policy = PolicyWith("""{"Sid":"Open","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}""");
        var finding = Assert.Single(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
        Assert.Equal((KmsFindingSeverity.Critical, "KMS.5"), (finding.Severity, finding.SecurityHubControl));
        Assert.Contains("kms:Decrypt", finding.Problem);
        Assert.Contains("statement 'Open'", finding.Evidence);
        Assert.Contains("\"Principal\":{\"AWS\":\"*\"}", finding.Evidence);
    }

    /// <summary>kms:CallerAccount restricts the wildcard to the key's account: not public (but everyone there may decrypt).</summary>
    [Fact]
    public void PolicyPublic_WildcardRestrictedToTheAccount_NoFindingButAccountWide()
    {
        var policy = PolicyWith($$"""
            {"Sid":"Account","Effect":"Allow","Principal":"*","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*",
             "Condition":{"StringEquals":{"kms:CallerAccount":"{{Account}}"} } }
            """);
        Assert.Empty(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
        var finding = Assert.Single(Findings<PolicyAccountWideDecryptCheck>(Snapshot(policy: policy)));
        Assert.Contains("statement 'Account'", finding.Evidence);
        Assert.Contains("kms:Decrypt", finding.Problem);
    }

    /// <summary>aws:PrincipalOrgID is a key no outsider's request carries: the condition restricts the wildcard.</summary>
    [Fact]
    public void PolicyPublic_WildcardRestrictedToTheOrganization_NoFinding()
    {
        var policy = PolicyWith("""
            {"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}
            """);
        Assert.Empty(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
    }

    /// <summary>A condition that holds for every caller (aws:SecureTransport) restricts nothing.</summary>
    [Fact]
    public void PolicyPublic_WildcardWithAConditionEveryoneMeets_Finding()
    {
        var policy = PolicyWith("""
            {"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}
            """);
        Assert.Single(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
    }

    /// <summary>Allow with NotPrincipal allows everyone it does not list: a public key with no "*" in it.</summary>
    [Fact]
    public void PolicyPublic_AllowWithNotPrincipal_Finding()
    {
        var policy = PolicyWith($$"""{"Sid":"AllButAlice","Effect":"Allow","NotPrincipal":{"AWS":"{{Alice}}"},"Action":"kms:Encrypt","Resource":"*"}""");
        var finding = Assert.Single(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
        Assert.Contains("statement 'AllButAlice'", finding.Evidence);
    }

    [Fact]
    public void PolicyPublic_WildcardAllowDeniedForOtherAccounts_NoFinding()
    {
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},
              {"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"{{Account}}"} } }]}
            """;
        Assert.Empty(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
    }

    [Fact]
    public void PolicyChecks_DefaultPolicy_NoFindings()
    {
        var snapshot = Snapshot();
        Assert.Empty(Findings<PolicyPublicCheck>(snapshot));
        Assert.Empty(Findings<PolicyFullAccessCheck>(snapshot));
        Assert.Empty(Findings<PolicyUntrustedAccountCheck>(snapshot));
        Assert.Empty(Findings<PolicyAccountWideDecryptCheck>(snapshot));
        Assert.Empty(Findings<PolicyNotEvaluatedCheck>(snapshot));
    }

    [Fact]
    public void PolicyFullAccess_KmsStarToAUser_FindingNamesTheUser()
    {
        var policy = PolicyWith($$"""{"Sid":"Alice","Effect":"Allow","Principal":{"AWS":"{{Alice}}"},"Action":"kms:*","Resource":"*"}""");
        var finding = Assert.Single(Findings<PolicyFullAccessCheck>(Snapshot(policy: policy)));
        Assert.Equal(KmsFindingSeverity.High, finding.Severity);
        Assert.Contains(Alice, finding.Problem);
        Assert.Contains("statement 'Alice'", finding.Evidence);
    }

    [Fact]
    public void PolicyFullAccess_SomeActionsToAUser_NoFinding()
    {
        var policy = PolicyWith($$"""{"Effect":"Allow","Principal":{"AWS":"{{Alice}}"},"Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*"}""");
        Assert.Empty(Findings<PolicyFullAccessCheck>(Snapshot(policy: policy)));
    }

    /// <summary>kms:* minus a Deny of one action is not kms:*: the evaluator, not the Action text, decides.</summary>
    [Fact]
    public void PolicyFullAccess_KmsStarWithADeny_NoFinding()
    {
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"{{Alice}}"},"Action":"kms:*","Resource":"*"},
              {"Effect":"Deny","Principal":{"AWS":"{{Alice}}"},"Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}
            """;
        Assert.Empty(Findings<PolicyFullAccessCheck>(Snapshot(policy: policy)));
    }

    [Fact]
    public void PolicyUntrustedAccount_OtherAccountRoot_OneFindingForTheAccount()
    {
        var policy = PolicyWith($$"""
            {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":["{{OtherAccount}}","arn:aws:iam::{{OtherAccount}}:role/reader"]},"Action":"kms:Decrypt","Resource":"*"}
            """);
        var finding = Assert.Single(Findings<PolicyUntrustedAccountCheck>(Snapshot(policy: policy)));
        Assert.Equal(KmsFindingSeverity.High, finding.Severity);
        Assert.Contains($"account {OtherAccount}", finding.Problem);
        Assert.Contains("statement 'Partner'", finding.Evidence);
    }

    /// <summary>A wildcard principal that a condition limits to another account lets that account in without naming it.</summary>
    [Fact]
    public void PolicyUntrustedAccount_WildcardLimitedToAnotherAccount_FindingAndNotPublic()
    {
        var policy = PolicyWith($$"""
            {"Sid":"Partner","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"{{OtherAccount}}"} } }
            """);
        var finding = Assert.Single(Findings<PolicyUntrustedAccountCheck>(Snapshot(policy: policy)));
        Assert.Contains($"account {OtherAccount}", finding.Problem);
        Assert.Contains("statement 'Partner'", finding.Evidence);
        Assert.Empty(Findings<PolicyPublicCheck>(Snapshot(policy: policy)));
    }

    [Fact]
    public void PolicyUntrustedAccount_OtherAccountTrusted_NoFinding()
    {
        var policy = PolicyWith($$"""{"Effect":"Allow","Principal":{"AWS":"{{OtherAccount}}"},"Action":"kms:Decrypt","Resource":"*"}""");
        var settings = new ComplianceSettings { Now = Now, TrustedAccounts = [OtherAccount] };
        Assert.Empty(Findings<PolicyUntrustedAccountCheck>(Snapshot(policy: policy), settings));
    }

    /// <summary>A statement naming another account that a condition never lets match allows nothing: no finding.</summary>
    [Fact]
    public void PolicyUntrustedAccount_NamedButConditionNeverHolds_NoFinding()
    {
        var policy = PolicyWith($$"""
            {"Effect":"Allow","Principal":{"AWS":"{{OtherAccount}}"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"} } }
            """);
        Assert.Empty(Findings<PolicyUntrustedAccountCheck>(Snapshot(policy: policy)));
    }

    [Fact]
    public void PolicyAccountWideDecrypt_DecryptToTheAccountRootOnly_NoFinding()
    {
        var policy = PolicyWith($$"""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.Empty(Findings<PolicyAccountWideDecryptCheck>(Snapshot(policy: policy)));
    }

    [Fact]
    public void PolicyNotEvaluated_PolicyTheParserRefuses_InformationalFindingAndNoOtherPolicyFinding()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}""";
        var findings = AllFindings(Snapshot(policy: policy));
        var finding = Assert.Single(findings);
        Assert.Equal(("PolicyNotEvaluated", KmsFindingSeverity.Informational), (finding.CheckId, finding.Severity));
        Assert.StartsWith("Policy evaluator: ", finding.Evidence);
    }

    [Fact]
    public void PolicyChecks_PolicyNotRead_NoFindings()
    {
        var snapshot = Snapshot(policy: null, unreadable: new Dictionary<string, string> { ["Policy"] = "AccessDenied" });
        Assert.Empty(AllFindings(snapshot));
    }
}
