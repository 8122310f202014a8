namespace KmsPowerShell.Engine.Compliance;

/// <summary>What a compliance scan read about one custom key store.</summary>
public sealed record StoreSnapshot(ComplianceScope Scope, KmsCustomKeyStore Store, DateTimeOffset ObservedAt);
