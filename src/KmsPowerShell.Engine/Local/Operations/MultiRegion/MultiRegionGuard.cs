using KmsPowerShell.Engine.Local.Protocol;
using KmsPowerShell.Engine.Local.State;

namespace KmsPowerShell.Engine.Local.Operations.MultiRegion;

internal static class MultiRegionGuard
{
    public static void RequirePrimary(StoredKey key)
    {
        if (!key.MultiRegion) throw KmsErrors.Unsupported($"{key.Arn} is not a multi-Region key.");
        if (key.IsReplica) throw KmsErrors.Unsupported($"{key.Arn} is not a multi-Region primary key. The primary key is in {key.PrimaryRegion}.");
    }
}
