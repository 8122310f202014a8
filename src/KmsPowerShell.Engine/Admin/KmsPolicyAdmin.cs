using Amazon.KeyManagementService.Model;
using KmsPowerShell.Engine.Keys;
using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Engine.Admin;

/// <summary>Reads and replaces key policies.</summary>
public sealed class KmsPolicyAdmin
{
    private readonly KmsClientPool _clients;

    public KmsPolicyAdmin(KmsSession session) => _clients = KmsClientPool.Of(session);

    public async Task<string> GetAsync(KeyRequest key, string policyName, CancellationToken cancellationToken)
    {
        var request = new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = policyName };
        var response = await _clients.CallAsync(key.Region, (c, ct) => c.GetKeyPolicyAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.Policy;
    }

    public Task PutAsync(KeyRequest key, string policy, bool bypassPolicyLockoutSafetyCheck, CancellationToken cancellationToken)
    {
        var request = new PutKeyPolicyRequest
        {
            KeyId = key.KeyId,
            PolicyName = "default",
            Policy = PolicyDocument.Require(policy),
            BypassPolicyLockoutSafetyCheck = bypassPolicyLockoutSafetyCheck,
        };
        return _clients.CallAsync(key.Region, (c, ct) => c.PutKeyPolicyAsync(request, ct), cancellationToken);
    }
}
