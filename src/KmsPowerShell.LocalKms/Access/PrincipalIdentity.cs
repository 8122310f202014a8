using KmsPowerShell.Vocabulary;

namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// What a caller's ARN says about it: its account, its type as aws:PrincipalType names it, its name, and the ARN
/// policies match it by (aws:PrincipalArn): for an assumed-role session, the role's ARN (without its path, which the
/// session ARN does not carry).
/// </summary>
public sealed record PrincipalIdentity(string Arn, string Account, string Type, string Name, string PolicyArn)
{
    public static PrincipalIdentity Of(string arn)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn") return new PrincipalIdentity(arn, "", "Unknown", arn, arn);
        var (partition, service, account, resource) = (parts[1], parts[2], parts[4], parts[5]);
        if (service == "sts" && resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            var role = resource.Split('/')[1];
            return new PrincipalIdentity(arn, account, "AssumedRole", role, $"arn:{partition}:iam::{account}:role/{role}");
        }
        if (resource == "root") return new PrincipalIdentity(arn, account, "Account", account, arn);
        var type = resource.StartsWith("user/", StringComparison.Ordinal) ? "User" :
            resource.StartsWith("role/", StringComparison.Ordinal) ? "Role" : "Unknown";
        return new PrincipalIdentity(arn, account, type, resource[(resource.LastIndexOf('/') + 1)..], arn);
    }

    /// <summary>The account's root principal in the ARN's partition, arn:aws:iam::ACCOUNT:root.</summary>
    public string AccountRootArn => KmsPartition.AccountRootArn(KmsPartition.OfArnOrAws(Arn), Account);
}
