using System.Collections;
using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.Cmdlets.Tests;

/// <summary>The decisions and policy changes that Test-KmsKeyPolicy and Set-KmsKeyPolicy -WhatIf share.</summary>
public sealed class KeyAccessCheckTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string App = "arn:aws:iam::111122223333:role/app";
    private const string Ops = "arn:aws:iam::111122223333:user/ops";
    private const string Root = "arn:aws:iam::111122223333:root";

    private static readonly KeyAccessCheck Check = new(new KeyFacts(KeyArn), [], DateTimeOffset.UnixEpoch);

    private static PolicyDocument Policy(params string[] statements) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""");

    private static string Allow(string principal, string action, string? sid = null, string condition = "") =>
        $$"""{{{(sid is null ? "" : $"\"Sid\":\"{sid}\",")}}"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"{{action}}","Resource":"*"{{condition}}}""";

    [Fact]
    public void ListsEachPrincipalsGainsAndLossesOverTheKeyActionsOnly()
    {
        var before = Policy(Allow(Root, "kms:*"), Allow(Ops, "kms:Describe*"));
        var after = Policy(Allow(Root, "kms:*"), Allow(App, "kms:Decrypt"), Allow(App, "kms:CreateKey"));
        var subjects = KeyAccessCheck.PrincipalsNamed([], before, after).Select(AccessSubject.KeyPolicyAlone);

        var changes = Check.Changes(before, after, subjects);

        Assert.Equal([new AccessChange(App, "kms:Decrypt", true), new AccessChange(Ops, "kms:DescribeKey", false)], changes.OrderBy(c => c.PrincipalArn));
        Assert.Equal(
            [$"{App} gains kms:Decrypt (key policy alone)", $"{Ops} loses kms:DescribeKey (key policy alone)"],
            KeyAccessCheck.Describe(changes, _ => "key policy alone").Order());
    }

    [Fact]
    public void GroupsTheActionsOfOnePrincipalAndDirectionOnOneLine()
    {
        var changes = new[] { new AccessChange(App, "kms:Decrypt", true), new AccessChange(App, "kms:Encrypt", true), new AccessChange(App, "kms:Sign", false) };
        Assert.Equal([$"{App} gains kms:Decrypt, kms:Encrypt (x)", $"{App} loses kms:Sign (x)"], KeyAccessCheck.Describe(changes, _ => "x"));
    }

    [Fact]
    public void JudgesTheCallerWithItsIdentityPolicies()
    {
        var before = Policy(Allow(Root, "kms:*"));
        var after = Policy(Allow(Root, "kms:*"), """{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"kms:PutKeyPolicy","Resource":"*"}""");
        var admin = new AccessSubject(Ops, [PolicyDocument.ParseIdentityPolicy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]);

        Assert.Equal([new AccessChange(Ops, "kms:PutKeyPolicy", false)], Check.Changes(before, after, [admin]));
        Assert.Empty(Check.Changes(before, after, [AccessSubject.KeyPolicyAlone(Ops)]));
    }

    [Fact]
    public void NamesEveryPrincipalOnceWithoutTheWildcardAndTheCallerFirst()
    {
        var policy = Policy(Allow("*", "kms:Decrypt"), Allow(App, "kms:Encrypt"), Allow("111122223333", "kms:*"));
        Assert.Equal([Ops, App, Root], KeyAccessCheck.PrincipalsNamed([Ops], policy, policy));
    }

    [Fact]
    public void NamesDecidingStatementsBySidIndexPolicyAndGrant()
    {
        Assert.Equal("AppUse", KeyAccessCheck.Label(new DecidingStatement("KeyPolicy", 0, 2, "AppUse", "Allow")));
        Assert.Equal("#2", KeyAccessCheck.Label(new DecidingStatement("KeyPolicy", 0, 2, null, "Allow")));
        Assert.Equal("Identity[1]:#0", KeyAccessCheck.Label(new DecidingStatement("IdentityPolicy", 1, 0, "", "Allow")));
        Assert.Equal("Grant:g-1", KeyAccessCheck.Label(new DecidingStatement("Grant", 0, 0, null, "Allow", "g-1")));
    }

    [Fact]
    public void ConditionKeysGivenByTheUserDecide()
    {
        var policy = Policy(Allow(App, "kms:Decrypt", "ViaS3", ""","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}"""));
        var viaS3 = new KeyAccessCheck(new KeyFacts(KeyArn), [], DateTimeOffset.UnixEpoch)
        {
            ExtraContext = PolicyAccessInputs.ConditionKeys(new Hashtable { ["kms:ViaService"] = "s3.us-east-1.amazonaws.com" }),
        };

        Assert.Equal(KmsAccessDecision.Allowed, viaS3.Decide(policy, AccessSubject.KeyPolicyAlone(App), "kms:Decrypt", null).Decision);
        Assert.Equal(KmsAccessDecision.ImplicitDeny, Check.Decide(policy, AccessSubject.KeyPolicyAlone(App), "kms:Decrypt", null).Decision);
    }

    [Fact]
    public void ReadsActionsInEitherFormAndRefusesOthers()
    {
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey"], PolicyAccessInputs.Actions(["decrypt", "KMS:GenerateDataKey", "kms:Decrypt"]));
        Assert.Equal(Vocabulary.KmsActions.OnKeys, PolicyAccessInputs.Actions(null));
        Assert.Equal("ActionInvalid", Assert.Throws<KmsArgumentException>(() => PolicyAccessInputs.Actions(["kms:Decrypto"])).Problem);
    }

    [Fact]
    public void ReadsMultivaluedConditionKeysAndRefusesNamesWithoutAService()
    {
        var keys = PolicyAccessInputs.ConditionKeys(new Hashtable { ["aws:TagKeys"] = new object[] { "a", 5 }, ["aws:SecureTransport"] = true });
        Assert.Equal(["a", "5"], keys["aws:tagkeys"]);
        Assert.Equal(["true"], keys["aws:SecureTransport"]);
        Assert.Equal("ContextInvalid", Assert.Throws<KmsArgumentException>(() => PolicyAccessInputs.ConditionKeys(new Hashtable { ["ViaService"] = "s3" })).Problem);
    }

    [Fact]
    public void ReportsAMalformedPolicyWithTheEvaluatorsMessage()
    {
        var failure = Assert.Throws<KmsArgumentException>(() => PolicyAccessInputs.Parse("{\"Statement\": ["));
        Assert.Equal(("PolicyInvalid", "Policy contains invalid JSON."), (failure.Problem, failure.Message));
    }
}
