using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;

namespace KmsPowerShell.LocalKms.Operations.Keys;

/// <summary>
/// The last successful cryptographic operation with a key, in any key state (the API reference lists no
/// KMSInvalidStateException). KeyLastUsage is an empty object when the key was not used since tracking began; the
/// local KMS has no CloudTrail, so CloudTrailEventId is never present.
/// </summary>
internal sealed class GetKeyLastUsageOperation : KmsOperation
{
    public override bool Mutates => false;

    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        var lastUsage = new JsonObject();
        if (context.KeyUsage.LastUsage(key) is { } usage)
        {
            lastUsage["Operation"] = usage.Operation;
            lastUsage["Timestamp"] = KmsJson.Timestamp(usage.Timestamp);
            lastUsage["KmsRequestId"] = usage.KmsRequestId;
        }
        var trackingStart = context.State.UsageTrackingStartDate is { } since && since > key.CreationDate ? since : key.CreationDate;
        return new JsonObject
        {
            ["KeyId"] = key.KeyId,
            ["KeyLastUsage"] = lastUsage,
            ["TrackingStartDate"] = KmsJson.Timestamp(trackingStart),
            ["KeyCreationDate"] = KmsJson.Timestamp(key.CreationDate),
        };
    }
}
