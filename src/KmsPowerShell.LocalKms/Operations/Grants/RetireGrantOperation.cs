using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Grants;

/// <summary>
/// Removes a grant named by its token, or by key and grant id. Allowed to the retiring principal, to the grantee when
/// the grant includes RetireGrant, and to the administrator of the account the grant was made in.
/// </summary>
internal sealed class RetireGrantOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var token = request.String("GrantToken", 1, 8192);
        var keyId = request.String("KeyId", 1, 2048);
        var grantId = request.String("GrantId", 1, 128);
        var dryRun = request.Bool("DryRun");
        request.ThrowIfInvalid();

        var grant = token is not null ? ByToken(context, token) : ByKeyAndId(context, keyId, grantId);
        var key = context.State.Keys.GetValueOrDefault(grant.KeyArn) ?? throw KmsErrors.KeyNotFound(grant.KeyArn);
        var principal = context.Caller.Principal;
        var allowed = grant.RetiringPrincipal == principal.PrincipalArn ||
            (context.Auth.IsGrantee(grant.GranteePrincipal) && grant.Operations.Contains("RetireGrant")) ||
            context.Auth.Allows(key, Name);
        if (!allowed) throw KmsErrors.AccessDenied(principal.PrincipalArn, Name, key.Arn);
        if (dryRun) throw KmsErrors.DryRun();
        context.State.Grants.Remove(grant.GrantId);
        return new JsonObject();
    }

    private static StoredGrant ByToken(OperationContext context, string token)
    {
        if (!context.State.GrantTokens.TryGetValue(token, out var grantId)) throw KmsErrors.InvalidGrantToken();
        return context.State.Grants.GetValueOrDefault(grantId) ?? throw KmsErrors.NotFound($"Grant {grantId} does not exist.");
    }

    private static StoredGrant ByKeyAndId(OperationContext context, string? keyId, string? grantId)
    {
        if (keyId is null || grantId is null)
        {
            throw KmsErrors.Validation("Either GrantToken, or both KeyId and GrantId, must be specified.");
        }
        var key = context.Keys.ResolveKey(keyId);
        return GrantLookup.Find(context, key, grantId);
    }
}
