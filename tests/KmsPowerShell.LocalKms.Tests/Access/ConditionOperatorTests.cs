using static KmsPowerShell.LocalKms.Tests.Access.PolicyFixtures;

namespace KmsPowerShell.LocalKms.Tests.Access;

/// <summary>
/// Each IAM condition operator, matching and not, against IAM's documented semantics ("IAM JSON policy elements:
/// Condition operators", "Single-valued vs multivalued context keys"). A request value of null means the key is absent;
/// "a|b" is a multivalued key.
/// </summary>
public class ConditionOperatorTests
{
    [Theory]
    // String
    [InlineData("StringEquals", "\"billing\"", "billing", true)]
    [InlineData("StringEquals", "\"billing\"", "Billing", false)]
    [InlineData("StringEquals", "[\"hr\",\"billing\"]", "billing", true)]
    [InlineData("StringEquals", "\"billing\"", null, false)]
    [InlineData("StringNotEquals", "\"billing\"", "payroll", true)]
    [InlineData("StringNotEquals", "\"billing\"", "billing", false)]
    [InlineData("StringNotEquals", "[\"hr\",\"billing\"]", "billing", false)]
    [InlineData("StringNotEquals", "\"billing\"", null, true)]
    [InlineData("StringEqualsIgnoreCase", "\"BILLING\"", "billing", true)]
    [InlineData("StringEqualsIgnoreCase", "\"BILLING\"", "payroll", false)]
    [InlineData("StringNotEqualsIgnoreCase", "\"BILLING\"", "billing", false)]
    [InlineData("StringNotEqualsIgnoreCase", "\"BILLING\"", "payroll", true)]
    [InlineData("StringLike", "\"bill*\"", "billing", true)]
    [InlineData("StringLike", "\"b?lling\"", "billing", true)]
    [InlineData("StringLike", "\"bill*\"", "Billing", false)]
    [InlineData("StringNotLike", "\"bill*\"", "payroll", true)]
    [InlineData("StringNotLike", "\"bill*\"", "billing", false)]
    [InlineData("StringEquals", "\"*\"", "billing", false)]
    // Numeric
    [InlineData("NumericEquals", "\"10\"", "10", true)]
    [InlineData("NumericEquals", "\"10\"", "10.0", true)]
    [InlineData("NumericEquals", "10", "11", false)]
    [InlineData("NumericNotEquals", "\"10\"", "11", true)]
    [InlineData("NumericNotEquals", "\"10\"", "10", false)]
    [InlineData("NumericLessThan", "\"10\"", "9", true)]
    [InlineData("NumericLessThan", "\"10\"", "10", false)]
    [InlineData("NumericLessThanEquals", "\"10\"", "10", true)]
    [InlineData("NumericLessThanEquals", "\"10\"", "11", false)]
    [InlineData("NumericGreaterThan", "\"10\"", "11", true)]
    [InlineData("NumericGreaterThan", "\"10\"", "10", false)]
    [InlineData("NumericGreaterThanEquals", "\"10\"", "10", true)]
    [InlineData("NumericGreaterThanEquals", "\"10\"", "9", false)]
    [InlineData("NumericEquals", "\"10\"", "ten", false)]
    // Date: ISO 8601 and epoch seconds
    [InlineData("DateEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "\"2026-01-01T00:00:00Z\"", "1767225600", true)]
    [InlineData("DateEquals", "\"1767225600\"", "2026-01-01T01:00:00+01:00", true)]
    [InlineData("DateEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-02T00:00:00Z", false)]
    [InlineData("DateNotEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-02T00:00:00Z", true)]
    [InlineData("DateNotEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThan", "\"2026-01-01T00:00:00Z\"", "2025-12-31T23:59:59Z", true)]
    [InlineData("DateLessThan", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "\"2026-01-01\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateLessThanEquals", "\"2026-01-01\"", "2026-01-01T00:00:01Z", false)]
    [InlineData("DateGreaterThan", "\"2026-01-01T00:00:00Z\"", "2026-06-01T00:00:00Z", true)]
    [InlineData("DateGreaterThan", "\"2026-01-01T00:00:00Z\"", "2025-06-01T00:00:00Z", false)]
    [InlineData("DateGreaterThanEquals", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "\"2026-01-01T00:00:00Z\"", "2025-01-01T00:00:00Z", false)]
    // Bool, Binary, IP address
    [InlineData("Bool", "\"true\"", "true", true)]
    [InlineData("Bool", "true", "TRUE", true)]
    [InlineData("Bool", "\"true\"", "false", false)]
    [InlineData("Bool", "\"false\"", null, false)]
    [InlineData("BinaryEquals", "\"QmluYXJ5VmFsdWU=\"", "QmluYXJ5VmFsdWU=", true)]
    [InlineData("BinaryEquals", "\"QmluYXJ5VmFsdWU=\"", "T3RoZXI=", false)]
    [InlineData("IpAddress", "\"203.0.113.0/24\"", "203.0.113.7", true)]
    [InlineData("IpAddress", "\"203.0.113.0/24\"", "198.51.100.7", false)]
    [InlineData("IpAddress", "\"2001:db8::/32\"", "2001:db8::1", true)]
    [InlineData("NotIpAddress", "\"203.0.113.0/24\"", "198.51.100.7", true)]
    [InlineData("NotIpAddress", "\"203.0.113.0/24\"", "203.0.113.7", false)]
    // ARN
    [InlineData("ArnEquals", "\"arn:aws:iam::111122223333:role/App\"", "arn:aws:iam::111122223333:role/App", true)]
    [InlineData("ArnEquals", "\"arn:aws:iam::111122223333:role/App\"", "arn:aws:iam::111122223333:role/Other", false)]
    [InlineData("ArnLike", "\"arn:aws:iam::*:role/App*\"", "arn:aws:iam::444455556666:role/AppServer", true)]
    [InlineData("ArnLike", "\"arn:aws:iam::*:role/App\"", "arn:aws:iam::444455556666:user/App", false)]
    [InlineData("ArnLike", "\"arn:aws:iam::*\"", "arn:aws:iam::444455556666:user/App", false)]
    [InlineData("ArnNotEquals", "\"arn:aws:iam::111122223333:role/App\"", "arn:aws:iam::111122223333:role/Other", true)]
    [InlineData("ArnNotEquals", "\"arn:aws:iam::111122223333:role/App\"", "arn:aws:iam::111122223333:role/App", false)]
    [InlineData("ArnNotLike", "\"arn:aws:iam::*:role/App*\"", "arn:aws:iam::111122223333:role/Other", true)]
    [InlineData("ArnNotLike", "\"arn:aws:iam::*:role/App*\"", "arn:aws:iam::111122223333:role/AppX", false)]
    [InlineData("ArnNotLike", "\"arn:aws:iam::*:role/App*\"", null, true)]
    // IfExists: an absent key passes; a present one is tested as without IfExists
    [InlineData("StringEqualsIfExists", "\"billing\"", null, true)]
    [InlineData("StringEqualsIfExists", "\"billing\"", "billing", true)]
    [InlineData("StringEqualsIfExists", "\"billing\"", "payroll", false)]
    [InlineData("StringNotEqualsIfExists", "\"billing\"", "billing", false)]
    [InlineData("NumericLessThanIfExists", "\"10\"", null, true)]
    [InlineData("NumericLessThanIfExists", "\"10\"", "11", false)]
    [InlineData("DateGreaterThanIfExists", "\"2026-01-01\"", null, true)]
    [InlineData("BoolIfExists", "\"true\"", null, true)]
    [InlineData("BoolIfExists", "\"true\"", "false", false)]
    [InlineData("ArnLikeIfExists", "\"arn:aws:iam::*:role/*\"", null, true)]
    [InlineData("IpAddressIfExists", "\"10.0.0.0/8\"", null, true)]
    // Null: true = the key is absent, false = present
    [InlineData("Null", "\"true\"", null, true)]
    [InlineData("Null", "\"true\"", "x", false)]
    [InlineData("Null", "\"false\"", "x", true)]
    [InlineData("Null", "\"false\"", null, false)]
    // Set operators over multivalued keys
    [InlineData("ForAllValues:StringEquals", "[\"app\",\"team\"]", "app|team", true)]
    [InlineData("ForAllValues:StringEquals", "[\"app\",\"team\"]", "app", true)]
    [InlineData("ForAllValues:StringEquals", "[\"app\",\"team\"]", "app|secret", false)]
    [InlineData("ForAllValues:StringEquals", "[\"app\"]", null, true)]
    [InlineData("ForAllValues:StringLike", "\"Created*\"", "CreatedBy|CreatedAt", true)]
    [InlineData("ForAllValues:StringNotLike", "\"key1*\"", "key1:legal", false)]
    [InlineData("ForAllValues:StringNotLike", "\"key1*\"", "key1:hr|key1:personnel", false)]
    [InlineData("ForAllValues:StringNotLike", "\"key1*\"", "key2:audit", true)]
    [InlineData("ForAllValues:StringNotLike", "\"key1*\"", null, true)]
    [InlineData("ForAnyValue:StringEquals", "[\"app\"]", "app|other", true)]
    [InlineData("ForAnyValue:StringEquals", "[\"app\"]", "other", false)]
    [InlineData("ForAnyValue:StringEquals", "[\"app\"]", null, false)]
    [InlineData("ForAnyValue:StringEqualsIfExists", "[\"app\"]", null, true)]
    [InlineData("ForAnyValue:StringNotEquals", "[\"app\"]", "app|other", true)]
    [InlineData("ForAnyValue:StringNotEquals", "[\"app\"]", "app", false)]
    [InlineData("ForAnyValue:StringNotEquals", "[\"app\"]", null, false)]
    [InlineData("ForAllValues:StringNotEquals", "[\"secret\"]", "app|team", true)]
    [InlineData("ForAllValues:StringNotEquals", "[\"secret\"]", "app|secret", false)]
    public void Operator(string op, string policyValues, string? requestValues, bool holds)
    {
        var identity = Identity(WithCondition($"\"{op}\":{{\"test:Key\":{policyValues}}}"));
        var context = new Dictionary<string, string[]>();
        if (requestValues is not null) context["test:Key"] = requestValues.Split('|');
        Assert.Equal(holds, Evaluate(Request(Bob, context: context, resource: "*"), null, identity).IsAllowed);
    }

    [Fact]
    public void SeveralOperatorsAndKeys_AllMustHold()
    {
        var identity = Identity("""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"test:A":"1","test:B":"2"},"Bool":{"test:C":"true"}}}""");
        Assert.True(Evaluate(Request(Bob, context: Context(("test:A", "1"), ("test:B", "2"), ("test:C", "true"))), Key(EnableIam), identity).IsAllowed);
        Assert.False(Evaluate(Request(Bob, context: Context(("test:A", "1"), ("test:B", "3"), ("test:C", "true"))), Key(EnableIam), identity).IsAllowed);
        Assert.False(Evaluate(Request(Bob, context: Context(("test:A", "1"), ("test:B", "2"))), Key(EnableIam), identity).IsAllowed);
    }

    [Fact]
    public void KeyNames_CompareCaseInsensitively_ValuesCaseSensitively()
    {
        var identity = Identity("""{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"KMS:EncryptionContext:App":"billing"}}}""");
        Assert.True(Evaluate(Request(Bob, context: Context(("kms:encryptioncontext:app", "billing"))), Key(EnableIam), identity).IsAllowed);
        Assert.False(Evaluate(Request(Bob, context: Context(("kms:encryptioncontext:app", "BILLING"))), Key(EnableIam), identity).IsAllowed);
    }

    [Theory]
    [InlineData("${aws:username}", "Bob", true)]
    [InlineData("${aws:username}", "Alice", false)]
    [InlineData("team-${aws:PrincipalTag/team}", "team-red", true)]
    [InlineData("${aws:PrincipalTag/missing, 'none'}", "none", true)]
    [InlineData("${aws:PrincipalTag/missing}", "", false)]
    [InlineData("${*}", "*", true)]
    [InlineData("${*}", "anything", false)]
    public void PolicyVariables_InConditionValues(string policyValue, string requestValue, bool holds)
    {
        var identity = Identity(WithCondition($"\"StringLike\":{{\"test:Key\":\"{policyValue}\"}}"));
        var context = Context(("test:Key", requestValue), ("aws:username", "Bob"), ("aws:PrincipalTag/team", "red"));
        Assert.Equal(holds, Evaluate(Request(Bob, context: context), Key(EnableIam), identity).IsAllowed);
    }

    [Fact]
    public void PolicyVariables_InResource_And_NotInOldVersions()
    {
        var statement = """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:111122223333:key/${aws:PrincipalTag/key}"}""";
        var context = Context(("aws:PrincipalTag/key", "1234abcd-12ab-34cd-56ef-1234567890ab"));
        Assert.True(Evaluate(Request(Bob, context: context), Key(EnableIam), Identity(statement)).IsAllowed);
        Assert.False(Evaluate(Request(Bob), Key(EnableIam), Identity(statement)).IsAllowed);
        var old = KmsPowerShell.LocalKms.Access.PolicyDocument.ParseIdentityPolicy("""{"Version":"2008-10-17","Statement":[""" + statement + "]}");
        Assert.False(Evaluate(Request(Bob, context: context), Key(EnableIam), old).IsAllowed);
    }

    [Fact]
    public void KmsAndGlobalKeys_FromIssue16()
    {
        var keyPolicy = Key("""
            {"Sid":"App role with context","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/service/App"},
             "Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*",
             "Condition":{"StringEquals":{"kms:EncryptionContext:app":"billing","kms:CallerAccount":"111122223333","kms:ViaService":"s3.us-east-1.amazonaws.com"},
                          "ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["app","team"]},
                          "StringEqualsIfExists":{"kms:EncryptionAlgorithm":"SYMMETRIC_DEFAULT"},
                          "ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"},
                          "StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"Finance"},
                          "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},
                          "Bool":{"kms:GrantIsForAWSResource":"false"}}}
            """);
        var context = new Dictionary<string, string[]>
        {
            ["kms:EncryptionContext:app"] = ["billing"],
            ["kms:EncryptionContextKeys"] = ["app"],
            ["kms:CallerAccount"] = [Account],
            ["kms:ViaService"] = ["s3.us-east-1.amazonaws.com"],
            ["aws:PrincipalArn"] = [AppRole],
            ["aws:PrincipalTag/team"] = ["finance"],
            ["aws:CurrentTime"] = ["2026-12-07T01:00:00Z"],
            ["kms:GrantIsForAWSResource"] = ["false"],
        };
        Assert.True(Evaluate(Request(AppSession, context: context), keyPolicy).IsAllowed);
        context["kms:EncryptionAlgorithm"] = ["RSAES_OAEP_SHA_256"];
        var refused = Evaluate(Request(AppSession, context: context), keyPolicy);
        Assert.False(refused.IsAllowed);
        Assert.Contains("kms:EncryptionAlgorithm is 'RSAES_OAEP_SHA_256' (StringEqualsIfExists 'SYMMETRIC_DEFAULT')", refused.Reason);
    }

    private static string WithCondition(string condition) =>
        """{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{""" + condition + "}}";

    private static Dictionary<string, string[]> Context(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => new[] { p.Value });
}
