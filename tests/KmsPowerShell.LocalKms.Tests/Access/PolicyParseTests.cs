using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.LocalKms.Tests.Access;

/// <summary>
/// What PolicyDocument.Parse (key policies) and ParseIdentityPolicy (IAM policies) accept and refuse, with the message of
/// each MalformedPolicyDocumentException. KMS's "invalid principals" text and IAM's texts are AWS's; the other key
/// policy texts are ours (AWS's are not public).
/// </summary>
public class PolicyParseTests
{
    private const string Ok = """{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}""";

    public static TheoryData<string, string> KeyPolicyFaults => new()
    {
        { "not json", "Policy contains invalid JSON." },
        { """{"Statement":[""" + Ok + """,]}""", "Policy contains invalid JSON." },
        { "[]", "Policy contains invalid JSON." },
        { """{"Version":"2012-10-17"}""", "Policy is missing required element - Statement." },
        { """{"Version":"2012-10-17","Statement":[]}""", "Policy is missing required element - Statement." },
        { """{"Version":"2013-01-01","Statement":[""" + Ok + "]}", "Policy has an invalid Version: '2013-01-01'. Use 2012-10-17 or 2008-10-17." },
        { """{"Statement":[""" + Ok + """],"Extra":1}""", "Policy contains an unknown element: 'Extra'." },
        { """{"Statement":["afd"]}""", "Policy contains an invalid value for element 'Statement'." },
        { """{"Statement":{"Principal":"*","Action":"kms:*","Resource":"*"}}""", "Policy contains a statement with no Effect." },
        { """{"Statement":{"Effect":"allow","Principal":"*","Action":"kms:*","Resource":"*"}}""", "Policy contains a statement with an invalid Effect: 'allow'. Use Allow or Deny." },
        { """{"Statement":{"Effect":"Allow","Action":"kms:*","Resource":"*"}}""", "Policy contains a statement with no principal." },
        { """{"Statement":{"Sid":1,"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}}""", "Policy contains an invalid value for element 'Sid'." },
        { """{"Statement":{"Effect":"Allow","Principal":"*","Action":{"a":1},"Resource":"*"}}""", "Policy contains an invalid value for element 'Action'." },
        { """{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Foo":"x"}}""", "Policy contains an unknown element: 'Foo'." },
        { """{"Statement":{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"kms:*","Resource":"*"}}""", "Policy contains a statement with both Principal and NotPrincipal." },
        { """{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","NotAction":"kms:Decrypt","Resource":"*"}}""", "Policy contains a statement with both Action and NotAction." },
        { """{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","NotResource":"*"}}""", "Policy contains a statement with both Resource and NotResource." },
        { Condition("""{"StringEqualz":{"kms:CallerAccount":"111122223333"}}"""), "Policy contains a statement with an unknown condition operator: 'StringEqualz'." },
        { Condition("""{"ForSomeValues:StringEquals":{"aws:TagKeys":"a"}}"""), "Policy contains a statement with an unknown condition operator: 'ForSomeValues:StringEquals'." },
        { Condition("""{"NullIfExists":{"aws:TagKeys":"true"}}"""), "Policy contains a statement with an unknown condition operator: 'NullIfExists'." },
        { Condition("""{"NumericLessThan":{"test:N":"ten"}}"""), "Policy contains a statement with an invalid value for condition operator NumericLessThan: 'ten'." },
        { Condition("""{"DateLessThan":{"aws:CurrentTime":"yesterday"}}"""), "Policy contains a statement with an invalid value for condition operator DateLessThan: 'yesterday'." },
        { Condition("""{"Bool":{"kms:GrantIsForAWSResource":"yes"}}"""), "Policy contains a statement with an invalid value for condition operator Bool: 'yes'." },
        { Condition("""{"Null":{"aws:TagKeys":"maybe"}}"""), "Policy contains a statement with an invalid value for condition operator Null: 'maybe'." },
        { Condition("""{"IpAddress":{"aws:SourceIp":"not-an-ip"}}"""), "Policy contains a statement with an invalid value for condition operator IpAddress: 'not-an-ip'." },
        { Condition("""{"StringEquals":{"kms:CallerAccount":{"a":1}}}"""), "Policy contains an invalid value for element 'Condition'." },
        { Condition("""["StringEquals"]"""), "Policy contains an invalid value for element 'Condition'." },
        { "{\"Statement\":{\"Sid\":\"Smile \u263A\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}}",
          "Policy contains a character that a key policy cannot hold: printable ASCII and Latin-1 characters, tab, line feed and carriage return only." },
    };

    [Fact]
    public void KeyPolicy_Latin1AndSpacesInSid_Accepted()
    {
        var policy = PolicyDocument.Parse("{\"Statement\":{\"Sid\":\"Clé de l'équipe\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}}");
        Assert.Equal("Clé de l'équipe", policy.Statements[0].Sid);
    }

    [Theory]
    [MemberData(nameof(KeyPolicyFaults))]
    public void KeyPolicy_Fault_Message(string policy, string message)
    {
        Assert.Equal(message, Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(policy)).Message);
    }

    [Theory]
    [InlineData("\"alice\"")]
    [InlineData("{\"AWS\":\"not-an-arn\"}")]
    [InlineData("{\"AWS\":\"11112222333\"}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:group/Admins\"}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::111122223333:role/*\"}")]
    [InlineData("{\"AWS\":\"arn:aws:iam::*:root\"}")]
    [InlineData("{\"AWS\":[]}")]
    [InlineData("{\"AWS\":\"\"}")]
    [InlineData("{\"Foo\":\"x\"}")]
    [InlineData("{}")]
    [InlineData("[\"*\"]")]
    public void KeyPolicy_InvalidPrincipal_AwsMessage(string principal)
    {
        var policy = """{"Statement":{"Effect":"Allow","Principal":""" + principal + ""","Action":"kms:*","Resource":"*"}}""";
        Assert.Equal("Policy contains a statement with one or more invalid principals.",
            Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(policy)).Message);
    }

    [Fact]
    public void KeyPolicy_Over32KB_Refused_AtTheLimit_Accepted()
    {
        var head = """{"Id":""";
        var tail = ""","Statement":[""" + Ok + "]}";
        string WithSize(int size) => head + "\"" + new string('a', size - head.Length - tail.Length - 2) + "\"" + tail;
        Assert.Equal(32768, System.Text.Encoding.UTF8.GetByteCount(WithSize(32768)));
        PolicyDocument.Parse(WithSize(32768));
        Assert.Equal("Policy exceeds the maximum size of 32768 bytes.",
            Assert.Throws<PolicyDocumentException>(() => PolicyDocument.Parse(WithSize(32769))).Message);
    }

    [Fact]
    public void KeyPolicy_AllForms_Parsed()
    {
        var policy = PolicyDocument.Parse("""
            {"Version":"2008-10-17","Id":"key-policy-1","Statement":[
              {"Sid":"Root","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Many","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/Alice","arn:aws:iam::111122223333:role/path/App",
                 "arn:aws:sts::111122223333:assumed-role/App/s1","arn:aws:iam::444455556666:root"],"Service":"s3.amazonaws.com","Federated":"cognito-identity.amazonaws.com"},
               "Action":["kms:Decrypt","kms:Describe*"],"Resource":["arn:aws:kms:*:111122223333:key/*"],
               "Condition":{"ForAnyValue:StringLikeIfExists":{"kms:EncryptionContextKeys":"app*"},"NumericLessThanEquals":{"test:N":5},"Bool":{"test:B":true}}},
              {"Sid":"Service only","Effect":"Deny","Principal":{"Service":["logs.amazonaws.com"]},"NotAction":"kms:Decrypt","NotResource":"*"},
              {"Sid":"No action","Effect":"Allow","NotPrincipal":{"AWS":"*"}}
            ]}
            """);
        Assert.Equal("key-policy-1", policy.Id);
        Assert.Equal(["Root", "Many", "Service only", "No action"], policy.Statements.Select(s => s.Sid));
        Assert.Equal(["Allow", "Allow", "Deny", "Allow"], policy.Statements.Select(s => s.Effect));
        Assert.Equal(
            ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/Alice", "arn:aws:iam::111122223333:role/path/App",
             "arn:aws:sts::111122223333:assumed-role/App/s1", "arn:aws:iam::444455556666:root", "*"],
            policy.NamedPrincipals);
        Assert.True(policy.Statements[3].NotPrincipal);
        Assert.True(policy.Statements[2].NotAction && policy.Statements[2].NotResource);
    }

    [Fact]
    public void KeyPolicy_StatementAsObject_NoVersion_Accepted()
    {
        var policy = PolicyDocument.Parse("""{"Statement":""" + Ok + "}");
        Assert.Null(policy.Version);
        Assert.Single(policy.Statements);
    }

    public static TheoryData<string, string> IdentityPolicyFaults => new()
    {
        { "This is not a json document", "Syntax errors in policy." },
        { """{"Version":"2012-10-17"}""", "Syntax errors in policy." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}}""", "Policy document should not specify a principal." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}""", "Policy statement must contain actions." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}""", "Policy statement must contain actions." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt"}}""", "Policy statement must contain resources." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"invalid","Resource":"*"}}""", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"invalid resource"}}""", "Resource invalid resource must be in ARN format or \"*\"." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"invalid","Action":"kms:Decrypt","Resource":"*"}}""", "Syntax errors in policy." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"kms:Decrypt","Action":"kms:Encrypt","Resource":"*"}}""", "Syntax errors in policy." },
        { """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"x":{"a":"1"}}}}""", "Syntax errors in policy." },
        { """{"Version":"2012-10-17","Statement":[{"Sid":"sdf","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"},{"Sid":"sdf","Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}""", "Statement IDs (SID) in a single policy must be unique." },
    };

    [Theory]
    [MemberData(nameof(IdentityPolicyFaults))]
    public void IdentityPolicy_Fault_IamMessage(string policy, string message)
    {
        Assert.Equal(message, Assert.Throws<PolicyDocumentException>(() => PolicyDocument.ParseIdentityPolicy(policy)).Message);
    }

    [Fact]
    public void AdministratorAccess_Parses()
    {
        var policy = PolicyDocument.ParseIdentityPolicy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        Assert.Empty(policy.NamedPrincipals);
        Assert.True(policy.Statements[0].CoversAction("kms:CreateKey"));
    }

    private static string Condition(string condition) =>
        """{"Statement":{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":""" + condition + "}}";
}
