using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Keys;

/// <summary>
/// Starts the waiting period. A multi-Region primary that still has replicas waits in PendingReplicaDeletion,
/// and its own window starts when the last replica is gone, as AWS does.
/// </summary>
internal sealed class ScheduleKeyDeletionOperation : KmsOperation
{
    private const int MinWindowInDays = 7;
    private const int MaxWindowInDays = 30;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        // The API model takes 1 to 365 days; KMS then allows 7 to 30 (AWS's text for that refusal is not public).
        var window = context.Request.Int("PendingWindowInDays", 1, 365) ?? 30;
        context.Request.ThrowIfInvalid();
        if (window is < MinWindowInDays or > MaxWindowInDays)
        {
            throw KmsErrors.Validation($"PendingWindowInDays must be between {MinWindowInDays} and {MaxWindowInDays} days; it is {window}.");
        }
        var key = context.KeyFor(keyId, Name);
        KeyGuard.RequireNotPendingDeletion(key);

        key.PendingWindowInDays = window;
        var hasReplicas = key.MultiRegion && !key.IsReplica && context.State.CopiesOf(key).Any(k => k.IsReplica);
        key.KeyState = hasReplicas ? KeyStates.PendingReplicaDeletion : KeyStates.PendingDeletion;
        key.DeletionDate = hasReplicas ? null : context.Now.AddDays(window);

        var response = new JsonObject { ["KeyId"] = key.Arn, ["KeyState"] = key.KeyState, ["PendingWindowInDays"] = window };
        if (key.DeletionDate is { } date) response["DeletionDate"] = KmsJson.Timestamp(date);
        return response;
    }
}
