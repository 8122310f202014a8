namespace KmsPowerShell.LocalKms.State;

/// <summary>The KeyState values the local KMS uses.</summary>
internal static class KeyStates
{
    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";
    public const string PendingDeletion = "PendingDeletion";

    /// <summary>A new multi-Region replica until its <see cref="StoredKey.CreationCompleteDate"/>.</summary>
    public const string Creating = "Creating";

    /// <summary>A multi-Region primary scheduled for deletion while replicas remain.</summary>
    public const string PendingReplicaDeletion = "PendingReplicaDeletion";

    /// <summary>A key of Origin EXTERNAL with no key material: never imported, deleted, or expired.</summary>
    public const string PendingImport = "PendingImport";

    /// <summary>A key of a custom key store that is not connected (<see cref="StoredKey.StateBeforeUnavailable"/> comes back on connect).</summary>
    public const string Unavailable = "Unavailable";

    public static bool IsPendingDeletion(string state) => state is PendingDeletion or PendingReplicaDeletion;
}
