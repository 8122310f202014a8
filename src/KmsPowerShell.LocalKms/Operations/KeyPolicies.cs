using KmsPowerShell.LocalKms.Access;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;
using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>Key policies: the default one CreateKey writes, and the checks AWS makes of a policy it is given.</summary>
internal static class KeyPolicies
{
    public const string DefaultName = "default";

    /// <summary>The Policy member's length constraint in the API model (with <see cref="KmsPatterns.Policy"/>); a longer value is a ValidationException.</summary>
    public const int MaxRequestLength = 131072;

    /// <summary>AWS's key policy size quota (32 KB), checked after the request's shape.</summary>
    public const int MaxSize = 32768;

    /// <summary>The default key policy of a key in <paramref name="region"/>: the account's root principal, in the Region's partition, may do everything.</summary>
    public static string Default(string account, string region) =>
        "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n" +
        "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n" +
        $"    \"Principal\" : {{\n      \"AWS\" : \"{AccountRoot(account, region)}\"\n    }},\n" +
        "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";

    /// <summary>The root principal of <paramref name="account"/> as a key policy in <paramref name="region"/> names it: arn:aws-cn:iam::111122223333:root in cn-north-1.</summary>
    public static string AccountRoot(string account, string region) => KmsPartition.AccountRootArn(KmsPartition.Of(region), account);

    /// <summary>
    /// What CreateKey, ReplicateKey and PutKeyPolicy check of a policy for the key: that it parses, that every
    /// principal it names exists, and (unless bypassed) the policy lockout safety check, each with AWS's
    /// MalformedPolicyDocumentException (LimitExceededException over the size quota).
    /// </summary>
    public static void Check(OperationContext context, StoredKey key, string policy, bool bypassLockoutCheck)
    {
        // The API reference: a policy over the length constraint is a LimitExceededException.
        if (policy.Length > MaxSize)
        {
            throw KmsErrors.LimitExceeded($"The key policy is {policy.Length} characters; the key policy size quota is {MaxSize}.");
        }
        PolicyDocument document;
        try { document = PolicyDocument.Parse(policy); }
        catch (PolicyDocumentException e) { throw KmsErrors.MalformedPolicy(e.Message); }
        if (document.NamedPrincipals.Any(p => !context.IsKnownPrincipal(p)))
        {
            throw KmsErrors.MalformedPolicy("Policy contains a statement with one or more invalid principals.");
        }
        if (!bypassLockoutCheck && !context.Auth.CouldStillPutKeyPolicy(key, document))
        {
            throw KmsErrors.MalformedPolicy("The new key policy will not allow you to update the key policy in the future.");
        }
    }
}
