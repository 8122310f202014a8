using System.Collections.Concurrent;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>The principals known by access key id. The default principal is always there.</summary>
internal sealed class PrincipalDirectory
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

    public LocalKmsPrincipal? Find(string accessKeyId) => _byAccessKey.TryGetValue(accessKeyId, out var principal) ? principal : null;
}
