using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Policies;

internal sealed class ListKeyPoliciesOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.Int("Limit", 1, 1000);
        var marker = context.Request.String("Marker", 1, 1024, pattern: KmsPatterns.Marker());
        context.Request.ThrowIfInvalid();
        context.KeyFor(keyId, Name);
        // Every key has exactly one policy, so no page after the first exists.
        if (marker is not null) throw KmsErrors.InvalidMarker();
        return new JsonObject { ["PolicyNames"] = KmsJson.Strings([KeyPolicies.DefaultName]), ["Truncated"] = false };
    }
}
