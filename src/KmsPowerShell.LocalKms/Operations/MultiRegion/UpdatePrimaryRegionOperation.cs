using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.MultiRegion;

/// <summary>Makes the replica in another region the primary; called in the current primary's region, as AWS requires.</summary>
internal sealed class UpdatePrimaryRegionOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        var primaryRegion = context.Request.RequiredString("PrimaryRegion", 1, 32, KmsPatterns.Region());
        context.Request.ThrowIfInvalid();

        var primary = context.KeyFor(keyId, Name);
        MultiRegionGuard.RequirePrimary(primary);
        KeyGuard.RequireNotPendingDeletion(primary);
        if (primaryRegion == primary.Region) return new JsonObject();
        var target = context.Keys.FindById(primary.Account, primaryRegion, primary.KeyId)
            ?? throw KmsErrors.NotFound($"Key '{KeyResolver.KeyArn(primary.Account, primaryRegion, primary.KeyId)}' does not exist");
        KeyGuard.RequireNotPendingDeletion(target);
        foreach (var copy in context.State.CopiesOf(primary)) copy.PrimaryRegion = primaryRegion;
        return new JsonObject();
    }
}
