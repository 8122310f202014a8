using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KmsPowerShell.Vocabulary;
using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>
/// The principals known by access key id: the default principal and those of the options, which are always there,
/// and the ones saved in the state (<see cref="Load"/> puts in their current list), and the role sessions STS
/// AssumeRole started (kept in memory only: they end with the process). Read without the service's lock.
/// </summary>
internal sealed partial class PrincipalDirectory
{
    private readonly IReadOnlyList<LocalKmsPrincipal> _fixed;
    private readonly ConcurrentDictionary<string, SessionCredential> _sessions = new(StringComparer.Ordinal);
    private volatile Dictionary<string, LocalKmsPrincipal> _byAccessKey = new(StringComparer.Ordinal);

    public PrincipalDirectory(IEnumerable<LocalKmsPrincipal> extra)
    {
        _fixed = [LocalKmsPrincipal.Default, .. extra];
        foreach (var principal in _fixed) Check(principal);
        Load([]);
    }

    /// <summary>Every principal, the fixed ones first.</summary>
    public IReadOnlyList<LocalKmsPrincipal> All => _byAccessKey.Values.ToArray();

    /// <summary>Whether a principal cannot be replaced or removed: the default principal and those of the options.</summary>
    public bool IsFixed(LocalKmsPrincipal principal) =>
        _fixed.Any(p => p.AccessKeyId == principal.AccessKeyId || p.PrincipalArn == principal.PrincipalArn);

    /// <summary>Makes <paramref name="saved"/> the principals beside the fixed ones.</summary>
    public void Load(IEnumerable<LocalKmsPrincipal> saved)
    {
        var byAccessKey = new Dictionary<string, LocalKmsPrincipal>(StringComparer.Ordinal);
        foreach (var principal in saved) byAccessKey[principal.AccessKeyId] = principal;
        foreach (var principal in _fixed) byAccessKey[principal.AccessKeyId] = principal;
        _byAccessKey = byAccessKey;
    }

    public LocalKmsPrincipal? Find(string accessKeyId) => _byAccessKey.GetValueOrDefault(accessKeyId);

    public SessionCredential? FindSession(string accessKeyId) => _sessions.GetValueOrDefault(accessKeyId);

    /// <summary>Lets a role session sign until it expires; the sessions expired by <paramref name="now"/> are forgotten.</summary>
    public void AddSession(SessionCredential session, DateTimeOffset now)
    {
        foreach (var (accessKeyId, old) in _sessions)
        {
            if (old.Expiration <= now) _sessions.TryRemove(accessKeyId, out _);
        }
        _sessions[session.Principal.AccessKeyId] = session;
    }

    public static void Check(LocalKmsPrincipal principal)
    {
        ArgumentException.ThrowIfNullOrEmpty(principal.AccessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(principal.SecretAccessKey);
        if (principal.Account.Length != 12 || !principal.Account.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A principal's account must be 12 digits.", nameof(principal));
        }
    }

    /// <summary>
    /// Whether a key policy may name the principal: "*", any account's root, or a principal that exists here (a role
    /// exists when a principal is that role or one of its sessions; paths of role ARNs are not compared).
    /// </summary>
    public bool IsKnownPolicyPrincipal(string arn)
    {
        if (arn == "*" || AccountRoot().IsMatch(arn)) return true;
        var named = PrincipalIdentity.Of(arn);
        var partition = KmsPartition.OfArnOrAws(arn);
        return _byAccessKey.Values.Any(p => KmsPartition.WithPartition(p.PrincipalArn, partition) == arn ||
            (named.Type is "Role" or "AssumedRole" && PrincipalIdentity.Of(p.PrincipalArn) is { Type: "Role" or "AssumedRole" } known &&
             known.Account == named.Account && known.Name == named.Name));
    }

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:root$")]
    private static partial Regex AccountRoot();
}
