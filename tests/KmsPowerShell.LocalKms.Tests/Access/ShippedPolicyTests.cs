using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.LocalKms.Operations;
using KmsPowerShell.LocalKms.State;
using static KmsPowerShell.LocalKms.Tests.Access.PolicyFixtures;

namespace KmsPowerShell.LocalKms.Tests.Access;

/// <summary>The key policies the local KMS writes itself parse, and decide as AWS documents for them.</summary>
public class ShippedPolicyTests
{
    [Fact]
    public void DefaultKeyPolicy_DelegatesToTheAccountsIamPolicies()
    {
        var policy = PolicyDocument.Parse(KeyPolicies.Default(Account, "us-east-1"));
        Assert.Equal([Root], policy.NamedPrincipals);
        Assert.True(Evaluate(Request(Root, "kms:PutKeyPolicy"), policy).IsAllowed);
        Assert.True(Evaluate(Request(Bob, "kms:PutKeyPolicy"), policy, Identity(AllowAll)).IsAllowed);
        Assert.Equal(AccessDecision.ImplicitDeny, Evaluate(Request(Bob), policy).Decision);
    }

    [Fact]
    public void AwsManagedKeyPolicy_UseOnlyThroughTheService_MetadataThroughIam()
    {
        var key = AwsManagedKeys.Create(new KmsState(), Account, "us-east-1", "s3", "arn:aws:kms:us-east-1:111122223333:alias/aws/s3", DateTimeOffset.UnixEpoch);
        var policy = PolicyDocument.Parse(key.Policy);
        var admin = Identity(AllowAll);
        Assert.True(Evaluate(Request(Bob, "kms:DescribeKey", resource: key.Arn), policy, admin).IsAllowed);
        var direct = Evaluate(Request(Bob, "kms:Decrypt", resource: key.Arn), policy, admin);
        Assert.Equal(AccessDecision.ImplicitDeny, direct.Decision);
        Assert.Equal("resource-based", direct.PolicyKind);
        var viaS3 = new Dictionary<string, string[]> { ["kms:CallerAccount"] = [Account], ["kms:ViaService"] = ["s3.us-east-1.amazonaws.com"] };
        Assert.True(Evaluate(Request(Bob, "kms:Decrypt", viaS3, resource: key.Arn), policy).IsAllowed);
        Assert.False(Evaluate(Request(Bob, "kms:ScheduleKeyDeletion", resource: key.Arn), policy, admin).IsAllowed);
    }
}
