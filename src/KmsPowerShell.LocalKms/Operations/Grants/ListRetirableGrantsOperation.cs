using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Grants;

/// <summary>Grants, on keys of any account in this region, that name the given principal as retiring principal.</summary>
internal sealed class ListRetirableGrantsOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var request = context.Request;
        var retiring = request.RequiredString("RetiringPrincipal", 1, 256, KmsPatterns.Principal());
        var limit = GrantWriter.Limit(request);
        var marker = request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        request.ThrowIfInvalid();
        context.Auth.RequireAccountPermission(Name);

        var grants = context.State.Grants.Values.Where(g => g.RetiringPrincipal == retiring &&
            context.State.Keys.TryGetValue(g.KeyArn, out var key) && key.Region == context.Region);
        var scope = $"ListRetirableGrants/{context.Region}/{retiring}";
        return GrantWriter.Page(Page<StoredGrant>.Of(grants, g => g.GrantId, limit, marker, scope, context.Markers));
    }
}
