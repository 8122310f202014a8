namespace KmsPowerShell.Engine.Compliance;

/// <summary>A custom key store that is not CONNECTED: the keys in it cannot be used until it is.</summary>
public sealed class KeyStoreNotConnectedCheck : ComplianceCheck
{
    public override string Id => "KeyStoreNotConnected";

    public override KmsFindingSeverity Severity => KmsFindingSeverity.Medium;

    public override string Title => "Custom key store is not connected";

    public override IEnumerable<KmsComplianceFinding> CheckStore(StoreSnapshot store, ComplianceSettings settings)
    {
        var state = store.Store.ConnectionState;
        if (state is null or "CONNECTED") yield break;
        yield return Finding(store,
            $"Custom key store {store.Store.CustomKeyStoreName} ({store.Store.CustomKeyStoreId}) is {state}: its keys cannot be used until it is connected.",
            $"DescribeCustomKeyStores: ConnectionState = {state}" +
                (store.Store.ConnectionErrorCode is { Length: > 0 } code ? $", ConnectionErrorCode = {code}" : ""),
            $"Connect-KmsCustomKeyStore -CustomKeyStoreId {CheckFacts.Quoted(store.Store.CustomKeyStoreId)} -Region {CheckFacts.Quoted(store.Store.Region)}",
            new KmsComplianceFix(KmsComplianceFixActions.ConnectCustomKeyStore, CheckFacts.NoArguments));
    }
}
