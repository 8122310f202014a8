using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Policies;

internal sealed class PutKeyPolicyOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var policyName = context.Request.String("PolicyName", 1, 128, pattern: KmsPatterns.PolicyName()) ?? KeyPolicies.DefaultName;
        var policy = context.Request.RequiredString("Policy", 1, KeyPolicies.MaxRequestLength, pattern: KmsPatterns.Policy());
        var bypassLockoutCheck = context.Request.Bool("BypassPolicyLockoutSafetyCheck");
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        if (policyName != KeyPolicies.DefaultName) throw KmsErrors.NotFound($"No such policy exists: {policyName}. The only key policy name is 'default'.");
        KeyPolicies.Check(context, key, policy, bypassLockoutCheck);
        key.Policy = policy;
        return new JsonObject();
    }
}
