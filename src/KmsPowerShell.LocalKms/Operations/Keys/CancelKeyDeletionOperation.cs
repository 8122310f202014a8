using System.Text.Json.Nodes;
using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Keys;

/// <summary>Ends a deletion wait; the key comes back Disabled, as in AWS, so it must be enabled deliberately.</summary>
internal sealed class CancelKeyDeletionOperation : KmsOperation
{
    public override JsonObject Execute(OperationContext context)
    {
        var keyId = context.Request.RequiredString("KeyId", 1, 2048);
        context.Request.ThrowIfInvalid();
        var key = context.KeyFor(keyId, Name);
        if (!KeyStates.IsPendingDeletion(key.KeyState)) throw KmsErrors.InvalidState($"{key.Arn} is not pending deletion.");
        // A key whose imported material is missing still waits for it (AWS: "PendingImport" after cancelling).
        key.KeyState = key.IsExternal && !KeyMaterial.ImportedMaterial.IsComplete(key) ? KeyStates.PendingImport : KeyStates.Disabled;
        // A key of a custom key store that is not connected comes back Unavailable, Disabled once the store connects.
        if (key.CustomKeyStoreId is not null && !KeyStores.CustomKeyStoreKeys.IsConnected(context, key))
        {
            key.StateBeforeUnavailable = key.KeyState;
            key.KeyState = KeyStates.Unavailable;
        }
        key.DeletionDate = null;
        key.PendingWindowInDays = null;
        return new JsonObject { ["KeyId"] = key.Arn };
    }
}
