using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations;

/// <summary>
/// Decides whether the caller may act on a key: an administrator of the key's account may do anything; anyone else
/// needs a grant on the key for the operation whose constraints the request's encryption context meets, and which
/// has propagated or whose token came with the request. Key policies are stored, not evaluated, except that of AWS
/// managed keys, which lets the account only read them.
/// </summary>
internal sealed class Authorizer
{
    private readonly OperationContext _context;
    private readonly IReadOnlySet<string> _tokenGrantIds;

    public Authorizer(OperationContext context, IReadOnlySet<string> tokenGrantIds)
    {
        _context = context;
        _tokenGrantIds = tokenGrantIds;
    }

    public bool IsAdministratorOf(string account) => _context.Caller.Principal.IsAccountAdministrator && _context.Account == account;

    /// <summary>An operation on no key (CreateKey, ListKeys...): needs an IAM policy, which only administrators have here.</summary>
    public void RequireAccountPermission(string action)
    {
        if (!_context.Caller.Principal.IsAccountAdministrator)
        {
            throw KmsErrors.AccessDenied(_context.Caller.Principal.PrincipalArn, action, "*", "identity-based");
        }
    }

    /// <summary>The grant that allowed it, or null when the caller is an administrator.</summary>
    public StoredGrant? Require(StoredKey key, string action, IReadOnlyDictionary<string, string>? encryptionContext = null)
    {
        if (AwsManagedKeys.IsManaged(key) && !AwsManagedKeys.AllowsAccount(action))
        {
            throw KmsErrors.AccessDenied(_context.Caller.Principal.PrincipalArn, action, key.Arn);
        }
        if (IsAdministratorOf(key.Account)) return null;
        return EffectiveGrants(key, action)
            .FirstOrDefault(g => encryptionContext is null || g.AllowsContext(encryptionContext))
            ?? throw KmsErrors.AccessDenied(_context.Caller.Principal.PrincipalArn, action, key.Arn);
    }

    private IEnumerable<StoredGrant> EffectiveGrants(StoredKey key, string action) =>
        _context.State.Grants.Values.Where(g =>
            g.KeyArn == key.Arn &&
            IsGrantee(g.GranteePrincipal) &&
            g.Operations.Contains(action) &&
            (_tokenGrantIds.Contains(g.GrantId) || g.CreationDate + _context.GrantPropagationDelay <= _context.Now));

    public bool IsGrantee(string principal) =>
        principal == _context.Caller.Principal.PrincipalArn || principal == _context.Caller.Principal.AccountRootArn;
}
