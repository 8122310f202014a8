using KmsPowerShell.LocalKms.Protocol;
using KmsPowerShell.LocalKms.State;

namespace KmsPowerShell.LocalKms.Operations.MultiRegion;

internal static class MultiRegionGuard
{
    public static void RequirePrimary(StoredKey key)
    {
        if (!key.MultiRegion) throw KmsErrors.Unsupported($"{key.Arn} is not a multi-Region key.");
        if (key.IsReplica) throw KmsErrors.Unsupported($"{key.Arn} is not a multi-Region primary key. The primary key is in {key.PrimaryRegion}.");
    }
}
