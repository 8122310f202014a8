namespace KmsPowerShell.LocalKms.State;

/// <summary>The KeyState values the local KMS uses (no custom key stores).</summary>
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

    public static bool IsPendingDeletion(string state) => state is PendingDeletion or PendingReplicaDeletion;
}
