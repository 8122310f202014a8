using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.Import;

/// <summary>The checks every import operation makes on its key (the texts are ours: AWS's are not public).</summary>
internal static class ImportGuard
{
    public static void RequireImportable(StoredKey key)
    {
        if (!key.IsExternal) throw KmsErrors.Unsupported($"{key.Arn} origin is {key.Origin}, which is not valid for this operation: only a key with Origin EXTERNAL takes imported key material.");
        KeyGuard.RequireNotPendingDeletion(key);
    }
}
