using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.LocalKms.Tests.Access;

/// <summary>Accounts, principals, a key and small builders for the evaluator's tables.</summary>
internal static class PolicyFixtures
{
    public const string Account = "111122223333";
    public const string OtherAccount = "444455556666";
    public const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string Root = "arn:aws:iam::111122223333:root";
    public const string Alice = "arn:aws:iam::111122223333:user/Alice";
    public const string Bob = "arn:aws:iam::111122223333:user/Bob";
    public const string AppRole = "arn:aws:iam::111122223333:role/service/App";
    public const string AppSession = "arn:aws:sts::111122223333:assumed-role/App/session-1";
    public const string Carol = "arn:aws:iam::444455556666:user/Carol";
    public const string OtherRoot = "arn:aws:iam::444455556666:root";

    public const string AllowAll = """{"Effect":"Allow","Action":"*","Resource":"*"}""";

    /// <summary>The default key policy: the account root may do anything, which delegates to the account's IAM policies.</summary>
    public const string EnableIam = """{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}""";

    public static PolicyDocument Key(params string[] statements) =>
        PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[""" + string.Join(",", statements) + "]}");

    public static PolicyDocument Identity(params string[] statements) =>
        PolicyDocument.ParseIdentityPolicy("""{"Version":"2012-10-17","Statement":[""" + string.Join(",", statements) + "]}");

    public static AccessRequest Request(
        string principal,
        string action = "kms:Decrypt",
        IDictionary<string, string[]>? context = null,
        IReadOnlyDictionary<string, string>? encryptionContext = null,
        string resource = KeyArn) => new()
        {
            PrincipalArn = principal,
            Action = action,
            Resource = resource,
            ResourceAccount = resource == "*" ? null : resource.Split(':')[4],
            Context = (context ?? new Dictionary<string, string[]>())
                .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.OrdinalIgnoreCase),
            EncryptionContext = encryptionContext,
        };

    public static AccessResult Evaluate(AccessRequest request, PolicyDocument? keyPolicy, params PolicyDocument[] identityPolicies) =>
        KeyAccessEvaluator.Evaluate(request, keyPolicy, identityPolicies, []);
}
