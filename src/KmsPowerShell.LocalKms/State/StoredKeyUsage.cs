namespace KmsPowerShell.LocalKms.State;

/// <summary>The last successful cryptographic operation with a key (GetKeyLastUsage's KeyLastUsage), as the state keeps it.</summary>
internal sealed record StoredKeyUsage(string Operation, DateTimeOffset Timestamp, string KmsRequestId);
