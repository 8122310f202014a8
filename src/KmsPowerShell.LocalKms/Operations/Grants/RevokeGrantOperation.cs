using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Grants;

internal sealed class RevokeGrantOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var grantId = context.Request.RequiredString("GrantId", 1, 128);
        var dryRun = context.Request.Bool("DryRun");
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        var grant = GrantLookup.Find(context, key, grantId);
        if (dryRun) throw KmsErrors.DryRun();
        context.State.Grants.Remove(grant.GrantId);
        return new JsonObject();
    }
}
