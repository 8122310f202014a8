using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>The principals known by access key id. The default principal is always there.</summary>
internal sealed partial class PrincipalDirectory
{
    private readonly ConcurrentDictionary<string, LocalKmsPrincipal> _byAccessKey = new(StringComparer.Ordinal);

    public PrincipalDirectory(IEnumerable<LocalKmsPrincipal> extra)
    {
        Add(LocalKmsPrincipal.Default);
        foreach (var principal in extra) Add(principal);
    }

    public void Add(LocalKmsPrincipal principal)
    {
        ArgumentException.ThrowIfNullOrEmpty(principal.AccessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(principal.SecretAccessKey);
        if (principal.Account.Length != 12 || !principal.Account.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A principal's account must be 12 digits.", nameof(principal));
        }
        _byAccessKey[principal.AccessKeyId] = principal;
    }

    /// <summary>
    /// Whether a key policy may name the principal: "*", any account's root, or a principal that exists here (a role
    /// exists when a principal is that role or one of its sessions; paths of role ARNs are not compared).
    /// </summary>
    public bool IsKnownPolicyPrincipal(string arn)
    {
        if (arn == "*" || AccountRoot().IsMatch(arn)) return true;
        var named = PrincipalIdentity.Of(arn);
        return _byAccessKey.Values.Any(p => p.PrincipalArn == arn ||
            (named.Type is "Role" or "AssumedRole" && PrincipalIdentity.Of(p.PrincipalArn) is { Type: "Role" or "AssumedRole" } known &&
             known.Account == named.Account && known.Name == named.Name));
    }

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:root$")]
    private static partial Regex AccountRoot();

    public LocalKmsPrincipal? Find(string accessKeyId) => _byAccessKey.TryGetValue(accessKeyId, out var principal) ? principal : null;
}
