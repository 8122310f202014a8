using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Grants;

internal sealed class ListGrantsOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var keyId = request.RequiredString("KeyId", 1, 2048);
        var limit = GrantWriter.Limit(request);
        var marker = request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        var grantId = request.String("GrantId", 1, 128);
        var grantee = request.String("GranteePrincipal", 1, 256, pattern: KmsPatterns.Principal());
        request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        if (grantId is not null) GrantLookup.RequireWellFormed(grantId);

        var grants = context.State.Grants.Values.Where(g => g.KeyArn == key.Arn &&
            (grantId is null || g.GrantId == grantId) && (grantee is null || g.GranteePrincipal == grantee));
        var scope = $"ListGrants/{key.Arn}/{grantId}/{grantee}";
        return GrantWriter.Page(Page<StoredGrant>.Of(grants, g => g.GrantId, limit, marker, scope, context.Markers));
    }
}
