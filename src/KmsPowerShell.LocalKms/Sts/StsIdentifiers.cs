using System.Security.Cryptography;
using System.Text;
using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.LocalKms.Sts;

/// <summary>
/// The unique ids STS reports (UserId, AssumedRoleId): a user's AIDA..., a role session's AROA...:session, an
/// account's own number for its root. Local principals have no ids of their own; these are derived from the ARN, so
/// they stay the same across restarts.
/// </summary>
internal static class StsIdentifiers
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string UserId(string principalArn)
    {
        var identity = PrincipalIdentity.Of(principalArn);
        return identity.Type switch
        {
            "Account" => identity.Account,
            // A role's id does not depend on its path, which its sessions' ARNs do not carry.
            "AssumedRole" => $"{Id("AROA", $"{identity.Account}/{identity.Name}")}:{principalArn[(principalArn.LastIndexOf('/') + 1)..]}",
            "Role" => Id("AROA", $"{identity.Account}/{identity.Name}"),
            _ => Id("AIDA", principalArn),
        };
    }

    private static string Id(string prefix, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        return prefix + new string(hash.Take(17).Select(b => Base32[b % Base32.Length]).ToArray());
    }
}
