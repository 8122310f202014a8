using KmsPowerShell.LocalKms.Access;
using static KmsPowerShell.LocalKms.Tests.Access.PolicyFixtures;

namespace KmsPowerShell.LocalKms.Tests.Access;

/// <summary>Decisions as AWS documents them in "Determining access to a KMS key" and IAM's policy evaluation logic.</summary>
public class KeyAccessEvaluatorTests
{
    private const string AllowAliceDecrypt = """{"Sid":"Alice decrypts","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"kms:Decrypt","Resource":"*"}""";
    private const string DenyDecryptAll = """{"Sid":"No decrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""";

    [Fact]
    public void KeyPolicyAllowsUserDirectly_NoIdentityPolicyNeeded()
    {
        var result = Evaluate(Request(Alice), Key(AllowAliceDecrypt));
        Assert.Equal(AccessDecision.Allowed, result.Decision);
        Assert.Equal("Alice decrypts", Assert.Single(result.Statements).Sid);
        Assert.Contains("'Alice decrypts'", result.Reason);
    }

    [Fact]
    public void KeyPolicyNamesAnotherUser_ImplicitDenyResourceBased()
    {
        var result = Evaluate(Request(Bob), Key(AllowAliceDecrypt), Identity(AllowAll));
        Assert.Equal(AccessDecision.ImplicitDeny, result.Decision);
        Assert.Equal("resource-based", result.PolicyKind);
        Assert.Equal(
            $"User: {Bob} is not authorized to perform: kms:Decrypt on resource: {KeyArn} because no resource-based policy allows the kms:Decrypt action",
            result.DenialMessage(Request(Bob)));
    }

    [Fact]
    public void RootDelegation_WithIdentityPolicy_Allowed()
    {
        var result = Evaluate(Request(Bob), Key(EnableIam), Identity("""{"Sid":"Use keys","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}"""));
        Assert.Equal(AccessDecision.Allowed, result.Decision);
        Assert.Equal(["Enable IAM User Permissions", "Use keys"], result.Statements.Select(s => s.Sid));
    }

    [Fact]
    public void RootDelegation_WithoutIdentityPolicy_ImplicitDenyIdentityBased()
    {
        var result = Evaluate(Request(Bob), Key(EnableIam));
        Assert.Equal(AccessDecision.ImplicitDeny, result.Decision);
        Assert.Equal("identity-based", result.PolicyKind);
        Assert.Contains("Enable IAM User Permissions", result.Reason);
    }

    [Fact]
    public void RootDelegation_TheRootItself_AllowedWithoutIdentityPolicy()
    {
        Assert.Equal(AccessDecision.Allowed, Evaluate(Request(Root), Key(EnableIam)).Decision);
    }

    [Fact]
    public void BareAccountIdPrincipal_DelegatesLikeRoot()
    {
        var policy = Key("""{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*"}""");
        Assert.Equal(["arn:aws:iam::111122223333:root"], policy.NamedPrincipals);
        Assert.Equal(AccessDecision.ImplicitDeny, Evaluate(Request(Bob), policy).Decision);
        Assert.Equal(AccessDecision.Allowed, Evaluate(Request(Bob), policy, Identity(AllowAll)).Decision);
    }

    [Fact]
    public void KeyPolicyDeny_BeatsIdentityAllowAndGrant()
    {
        var grant = new GrantAllowance("g-1", Alice, ["Decrypt"]);
        var result = KeyAccessEvaluator.Evaluate(Request(Alice), Key(EnableIam, AllowAliceDecrypt, DenyDecryptAll), [Identity(AllowAll)], [grant]);
        Assert.Equal(AccessDecision.ExplicitDeny, result.Decision);
        Assert.Equal("resource-based", result.PolicyKind);
        Assert.Equal("No decrypt", Assert.Single(result.Statements).Sid);
        Assert.EndsWith("with an explicit deny in a resource-based policy", result.DenialMessage(Request(Alice)));
    }

    [Fact]
    public void IdentityDeny_BeatsKeyPolicyAllow()
    {
        var result = Evaluate(Request(Alice), Key(AllowAliceDecrypt), Identity("""{"Sid":"Never","Effect":"Deny","Action":"kms:*","Resource":"*"}"""));
        Assert.Equal(AccessDecision.ExplicitDeny, result.Decision);
        Assert.Equal("identity-based", result.PolicyKind);
        Assert.EndsWith("with an explicit deny in an identity-based policy", result.DenialMessage(Request(Alice)));
    }

    [Fact]
    public void Grant_AllowsItsOperationOnly()
    {
        var grants = new[] { new GrantAllowance("g-1", Bob, ["Decrypt"]) };
        Assert.Equal(AccessDecision.Allowed, KeyAccessEvaluator.Evaluate(Request(Bob), Key(EnableIam), [], grants).Decision);
        var encrypt = KeyAccessEvaluator.Evaluate(Request(Bob, "kms:Encrypt"), Key(EnableIam), [], grants);
        Assert.Equal(AccessDecision.ImplicitDeny, encrypt.Decision);
    }

    [Fact]
    public void Grant_ToRole_CoversItsSessions()
    {
        var result = KeyAccessEvaluator.Evaluate(Request(AppSession), Key(EnableIam), [], [new GrantAllowance("g-2", AppRole, ["Decrypt"])]);
        Assert.Equal(AccessDecision.Allowed, result.Decision);
        Assert.Equal("g-2", Assert.Single(result.Statements).GrantId);
    }

    [Theory]
    [InlineData("billing", true)]
    [InlineData("payroll", false)]
    public void Grant_EncryptionContextEquals(string app, bool allowed)
    {
        var grant = new GrantAllowance("g-3", Bob, ["Decrypt"], EncryptionContextEquals: new Dictionary<string, string> { ["app"] = "billing" });
        var request = Request(Bob, encryptionContext: new Dictionary<string, string> { ["app"] = app });
        Assert.Equal(allowed, KeyAccessEvaluator.Evaluate(request, Key(EnableIam), [], [grant]).IsAllowed);
    }

    [Fact]
    public void Grant_EncryptionContextEquals_ExtraPairFails_SubsetPasses()
    {
        var constraint = new Dictionary<string, string> { ["app"] = "billing" };
        var request = Request(Bob, encryptionContext: new Dictionary<string, string> { ["app"] = "billing", ["team"] = "a" });
        Assert.False(KeyAccessEvaluator.Evaluate(request, Key(EnableIam), [], [new GrantAllowance("g", Bob, ["Decrypt"], EncryptionContextEquals: constraint)]).IsAllowed);
        Assert.True(KeyAccessEvaluator.Evaluate(request, Key(EnableIam), [], [new GrantAllowance("g", Bob, ["Decrypt"], EncryptionContextSubset: constraint)]).IsAllowed);
        var unmet = KeyAccessEvaluator.Evaluate(Request(Bob, encryptionContext: new Dictionary<string, string>()), Key(EnableIam), [], [new GrantAllowance("g", Bob, ["Decrypt"], EncryptionContextSubset: constraint)]);
        Assert.False(unmet.IsAllowed);
    }

    [Fact]
    public void CrossAccount_NeedsKeyPolicyAndIdentityPolicy()
    {
        var keyPolicy = Key(EnableIam, """{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:Decrypt","Resource":"*"}""");
        var partnerPolicy = Identity($$"""{"Sid":"Partner key","Effect":"Allow","Action":"kms:Decrypt","Resource":"{{KeyArn}}"}""");
        Assert.Equal(AccessDecision.Allowed, Evaluate(Request(Carol), keyPolicy, partnerPolicy).Decision);
        var withoutIdentity = Evaluate(Request(Carol), keyPolicy);
        Assert.Equal(AccessDecision.ImplicitDeny, withoutIdentity.Decision);
        Assert.Equal("identity-based", withoutIdentity.PolicyKind);
        Assert.Equal(AccessDecision.ImplicitDeny, Evaluate(Request(Carol), Key(EnableIam), partnerPolicy).Decision);
        Assert.Equal("resource-based", Evaluate(Request(Carol), Key(EnableIam), partnerPolicy).PolicyKind);
    }

    [Fact]
    public void CrossAccount_UserNamedDirectly_StillNeedsItsIdentityPolicy()
    {
        var keyPolicy = Key("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/Carol"},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.Equal(AccessDecision.ImplicitDeny, Evaluate(Request(Carol), keyPolicy).Decision);
        Assert.Equal(AccessDecision.Allowed, Evaluate(Request(Carol), keyPolicy, Identity(AllowAll)).Decision);
    }

    [Fact]
    public void RoleArn_MatchesItsAssumedRoleSessions_PathIgnored()
    {
        var keyPolicy = Key("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/service/App"},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.True(Evaluate(Request(AppSession), keyPolicy).IsAllowed);
        Assert.False(Evaluate(Request("arn:aws:sts::111122223333:assumed-role/Other/session-1"), keyPolicy).IsAllowed);
        Assert.False(Evaluate(Request("arn:aws:sts::444455556666:assumed-role/App/session-1"), keyPolicy).IsAllowed);
    }

    [Fact]
    public void AssumedRoleSessionArn_MatchesThatSessionOnly()
    {
        var keyPolicy = Key($$"""{"Effect":"Allow","Principal":{"AWS":"{{AppSession}}"},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.True(Evaluate(Request(AppSession), keyPolicy).IsAllowed);
        Assert.False(Evaluate(Request("arn:aws:sts::111122223333:assumed-role/App/session-2"), keyPolicy).IsAllowed);
    }

    [Fact]
    public void PrincipalStar_AllowsEveryoneOfTheAccount_AndOthersWithTheirIdentityPolicy()
    {
        var keyPolicy = Key("""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""");
        Assert.True(Evaluate(Request(Bob), keyPolicy).IsAllowed);
        Assert.False(Evaluate(Request(Carol), keyPolicy).IsAllowed);
        Assert.True(Evaluate(Request(Carol), keyPolicy, Identity(AllowAll)).IsAllowed);
        Assert.Equal(["*"], keyPolicy.NamedPrincipals);
    }

    [Fact]
    public void NotPrincipal_DenyAppliesToEveryoneNotListedWithTheirAccount()
    {
        var keyPolicy = Key(EnableIam,
            """{"Sid":"Only Alice","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/Alice","arn:aws:iam::111122223333:root"]},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.True(Evaluate(Request(Alice), keyPolicy, Identity(AllowAll)).IsAllowed);
        Assert.Equal(AccessDecision.ExplicitDeny, Evaluate(Request(Bob), keyPolicy, Identity(AllowAll)).Decision);
        // Without the account's ARN in NotPrincipal, IAM applies the deny to the account, so to Alice too.
        var withoutAccount = Key(EnableIam,
            """{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"kms:Decrypt","Resource":"*"}""");
        Assert.Equal(AccessDecision.ExplicitDeny, Evaluate(Request(Alice), withoutAccount, Identity(AllowAll)).Decision);
    }

    [Fact]
    public void NotPrincipal_RoleSession_LeftOutOnlyWithSessionRoleAndAccount()
    {
        string Deny(string principals) => """{"Effect":"Deny","NotPrincipal":{"AWS":[""" + principals + """]},"Action":"kms:Decrypt","Resource":"*"}""";
        var all = Key(EnableIam, Deny($"\"{AppSession}\",\"{AppRole}\",\"{Root}\""));
        Assert.True(Evaluate(Request(AppSession), all, Identity(AllowAll)).IsAllowed);
        var withoutRole = Key(EnableIam, Deny($"\"{AppSession}\",\"{Root}\""));
        Assert.Equal(AccessDecision.ExplicitDeny, Evaluate(Request(AppSession), withoutRole, Identity(AllowAll)).Decision);
    }

    [Fact]
    public void DenyNamingTheAccountRoot_AppliesToEveryPrincipalOfTheAccount()
    {
        var keyPolicy = Key(AllowAliceDecrypt, """{"Sid":"Account out","Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"kms:Decrypt","Resource":"*"}""");
        var result = Evaluate(Request(Alice), keyPolicy);
        Assert.Equal(AccessDecision.ExplicitDeny, result.Decision);
        Assert.Equal("The key policy's statement 'Account out' denies kms:Decrypt.", result.Reason);
        Assert.True(Evaluate(Request(Carol), Key("""{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}""", """{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"kms:Decrypt","Resource":"*"}"""), Identity(AllowAll)).IsAllowed);
    }

    [Fact]
    public void NotAction_CoversEverythingElse()
    {
        var keyPolicy = Key("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"NotAction":["kms:Schedule*","kms:Disable*"],"Resource":"*"}""");
        Assert.True(Evaluate(Request(Alice, "kms:Decrypt"), keyPolicy).IsAllowed);
        Assert.False(Evaluate(Request(Alice, "kms:ScheduleKeyDeletion"), keyPolicy).IsAllowed);
    }

    [Fact]
    public void NotResource_ExcludesTheKey()
    {
        var identity = Identity($$"""{"Effect":"Allow","Action":"kms:*","NotResource":"{{KeyArn}}"}""");
        Assert.False(Evaluate(Request(Bob), Key(EnableIam), identity).IsAllowed);
        Assert.True(Evaluate(Request(Bob, resource: "arn:aws:kms:us-east-1:111122223333:key/other"), Key(EnableIam), identity).IsAllowed);
    }

    [Theory]
    [InlineData("kms:Decrypt", "kms:Decrypt", true)]
    [InlineData("KMS:decrypt", "kms:Decrypt", true)]
    [InlineData("kms:*", "kms:ScheduleKeyDeletion", true)]
    [InlineData("*", "kms:Decrypt", true)]
    [InlineData("kms:Describe*", "kms:DescribeKey", true)]
    [InlineData("kms:Describe*", "kms:Decrypt", false)]
    [InlineData("kms:GenerateDataKey*", "kms:GenerateDataKeyWithoutPlaintext", true)]
    [InlineData("kms:?ncrypt", "kms:Encrypt", true)]
    [InlineData("kms:?ncrypt", "kms:ReEncrypt", false)]
    [InlineData("s3:*", "kms:Decrypt", false)]
    public void ActionWildcards(string pattern, string action, bool allowed)
    {
        var keyPolicy = Key($$"""{"Effect":"Allow","Principal":{"AWS":"{{Alice}}"},"Action":"{{pattern}}","Resource":"*"}""");
        Assert.Equal(allowed, Evaluate(Request(Alice, action), keyPolicy).IsAllowed);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/*", true)]
    [InlineData("arn:aws:kms:*:111122223333:key/1234abcd-*", true)]
    [InlineData("arn:aws:kms:us-west-2:111122223333:key/*", false)]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/*", false)]
    public void ResourceWildcards(string pattern, bool allowed)
    {
        var identity = Identity($$"""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"{{pattern}}"}""");
        Assert.Equal(allowed, Evaluate(Request(Bob), Key(EnableIam), identity).IsAllowed);
    }

    [Fact]
    public void NoKey_IdentityPolicyAlone_Decides()
    {
        var create = Request(Bob, "kms:CreateKey", resource: "*");
        Assert.True(Evaluate(create, null, Identity(AllowAll)).IsAllowed);
        var denied = Evaluate(create, null);
        Assert.Equal(AccessDecision.ImplicitDeny, denied.Decision);
        Assert.Equal("identity-based", denied.PolicyKind);
        Assert.Equal(
            $"User: {Bob} is not authorized to perform: kms:CreateKey on resource: * because no identity-based policy allows the kms:CreateKey action",
            denied.DenialMessage(create));
        // An identity policy that names only keys does not cover an action on no resource.
        Assert.False(Evaluate(create, null, Identity("""{"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:*:111122223333:key/*"}""")).IsAllowed);
    }

    [Fact]
    public void KeyPolicyStatementWithoutResource_HasNoEffect()
    {
        var keyPolicy = Key("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"kms:Decrypt"}""");
        Assert.False(Evaluate(Request(Alice), keyPolicy).IsAllowed);
    }

    [Fact]
    public void Reason_NamesTheDenyingStatementAndTheCondition()
    {
        var keyPolicy = Key(AllowAliceDecrypt,
            """{"Sid":"Deny outside billing","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"kms:EncryptionContext:app":"billing"}}}""");
        var result = Evaluate(Request(Alice, context: new Dictionary<string, string[]> { ["kms:EncryptionContext:app"] = ["payroll"] }), keyPolicy);
        Assert.Equal(AccessDecision.ExplicitDeny, result.Decision);
        Assert.Equal(
            "The key policy's statement 'Deny outside billing' denies kms:Decrypt: kms:EncryptionContext:app is 'payroll' (StringNotEquals 'billing').",
            result.Reason);
    }

    [Fact]
    public void Reason_NamesTheConditionThatKeptAnAllowFromApplying()
    {
        var keyPolicy = Key("""{"Sid":"Billing only","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/Alice"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:EncryptionContext:app":"billing"}}}""");
        var result = Evaluate(Request(Alice), keyPolicy);
        Assert.Equal(AccessDecision.ImplicitDeny, result.Decision);
        Assert.Contains("'Billing only' would, but kms:EncryptionContext:app absent (StringEquals 'billing')", result.Reason);
        Assert.True(Evaluate(Request(Alice, context: new Dictionary<string, string[]> { ["kms:encryptioncontext:APP"] = ["billing"] }), keyPolicy).IsAllowed);
    }
}
